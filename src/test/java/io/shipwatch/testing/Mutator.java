package io.shipwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutator for fuzzing: turns a valid input (a JSON document, a text file, bytes) into a hostile one the way
 * careless clients and attackers do: wrong types, extreme numbers and times, huge strings, deep nesting, missing or
 * duplicated parts, flipped and truncated bytes. The same seed gives the same sequence, so a failure replays.
 */
public final class Mutator {
    /** Values that broke or could break readers: out-of-range times and numbers, injection, huge and odd text. */
    public static final List<String> HOSTILE_TEXT = List.of("", " ", "0", "-1", "abc", "null", "NaN", "Infinity",
            "1e309", "-9223372036854775808", "99999999999999999999999", "0000-01-01T00:00:00Z",
            "-292275055-05-16T16:47:04.192Z", "+292278994-08-17T07:12:55.807Z", "9999-12-31T23:59:59Z",
            "1969-12-31T23:59:59Z", "2026-13-45T99:99:99Z", "\"} or vector(1)", "x\"} or vector(1) or {a=\"",
            "../../etc/passwd", "%00", "\u0000", "\uD83D\uDCA5", "{{weight}}", "${HOME}", "<script>x</script>",
            "a".repeat(70_000), "9999999999999d", "-5m", "1e-400");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** One mutation of a JSON document; falls back to byte mutations now and then, to reach the JSON reader too. */
    public byte[] json(String seed) {
        if (random.nextInt(8) == 0) {
            return bytes(seed.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(seed);
        } catch (IOException e) {
            throw new IllegalArgumentException("the seed is not JSON", e);
        }
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            tree = mutate(tree, 0);
        }
        return Json.write(tree).getBytes(StandardCharsets.UTF_8);
    }

    /** One mutation of a line-oriented text file (CSV, XML, YAML, logs). */
    public byte[] text(String seed) {
        List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds && !lines.isEmpty(); r++) {
            int i = random.nextInt(lines.size());
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(i));
                case 2 -> lines.set(i, replaceToken(lines.get(i)));
                case 3 -> lines.set(i, lines.get(i).substring(0, random.nextInt(lines.get(i).length() + 1)));
                case 4 -> lines.add(i, pick(HOSTILE_TEXT));
                case 5 -> lines.subList(i, lines.size()).clear();
                default -> lines.set(i, lines.get(i).replace(",", random.nextBoolean() ? ",," : ";"));
            }
        }
        String out = String.join("\n", lines);
        return random.nextInt(6) == 0 ? bytes(out.getBytes(StandardCharsets.UTF_8))
                : out.getBytes(StandardCharsets.UTF_8);
    }

    /** One mutation of raw bytes: flips, truncation, insertions, repeats. */
    public byte[] bytes(byte[] seed) {
        byte[] b = seed.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(8) && b.length > 0; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
            case 2 -> {
                int at = b.length == 0 ? 0 : random.nextInt(b.length);
                byte[] junk = pick(HOSTILE_TEXT).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                b = out;
            }
            case 3 -> {
                for (int i = 0; i < 1 + random.nextInt(16) && b.length > 0; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            default -> {
                if (b.length > 1) {
                    int from = random.nextInt(b.length);
                    int len = Math.min(b.length - from, 1 + random.nextInt(64));
                    byte[] out = new byte[b.length + len];
                    System.arraycopy(b, 0, out, 0, from + len);
                    System.arraycopy(b, from, out, from + len, b.length - from);
                    b = out;
                }
            }
        }
        return b;
    }

    /** A hostile value for a query or path parameter. */
    public String parameter() {
        return pick(HOSTILE_TEXT);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private JsonNode mutate(JsonNode node, int depth) {
        if ((node.isContainerNode() && node.size() > 0 && random.nextInt(3) != 0) && depth < 12) {
            if (node.isObject()) {
                ObjectNode o = (ObjectNode) node;
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = pick(names);
                switch (random.nextInt(6)) {
                    case 0 -> o.remove(name);
                    case 1 -> o.set(name + pick(List.of("x", "_", "\u0000")), o.get(name));
                    default -> o.set(name, mutate(o.get(name), depth + 1));
                }
                return o;
            }
            ArrayNode a = (ArrayNode) node;
            int i = random.nextInt(a.size());
            switch (random.nextInt(6)) {
                case 0 -> a.remove(i);
                case 1 -> {
                    for (int k = 0; k < 1 + random.nextInt(2_000); k++) {
                        a.add(a.get(i).deepCopy());
                    }
                }
                default -> a.set(i, mutate(a.get(i), depth + 1));
            }
            return a;
        }
        return replacement(node);
    }

    private JsonNode replacement(JsonNode node) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(pick(HOSTILE_TEXT));
            case 2 -> NODES.numberNode(pick(List.of(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, 4_102_444_800_000L)));
            case 3 -> NODES.numberNode(pick(List.of(1e308, -1e308, 1e-320, 0.5, -0.0, 3.4e38)));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.objectNode().set("x", node.deepCopy());
            case 6 -> NODES.arrayNode().add(node.deepCopy());
            case 7 -> deep(random.nextBoolean() ? 50 : 900);
            case 8 -> NODES.textNode(node.isTextual() ? node.asText().repeat(1 + random.nextInt(2_000)) : "");
            case 9 -> NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(1 + random.nextInt(400))));
            case 10 -> NODES.textNode(node.asText() + pick(HOSTILE_TEXT));
            default -> node.isObject() ? NODES.arrayNode() : NODES.objectNode();
        };
    }

    private static JsonNode deep(int depth) {
        JsonNode n = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            n = i % 2 == 0 ? NODES.arrayNode().add(n) : NODES.objectNode().set("a", n);
        }
        return n;
    }

    private String replaceToken(String line) {
        String[] parts = line.split(",", -1);
        if (parts.length < 2) {
            return pick(HOSTILE_TEXT.subList(0, 20)) + line;
        }
        parts[random.nextInt(parts.length)] = pick(HOSTILE_TEXT.subList(0, 20));
        return String.join(",", parts);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
