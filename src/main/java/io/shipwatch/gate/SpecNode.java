package io.shipwatch.gate;

import io.shipwatch.core.InputException;
import io.shipwatch.core.Times;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that knows its file and line, so every problem in a spec file is reported as
 * {@code file:line: what; what to write instead}. Specs are read field by field through it; unknown keys are refused.
 */
final class SpecNode {
    private final Node node;
    private final String source;
    private final String path;

    private SpecNode(Node node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    /** The root mapping of a YAML document. */
    static SpecNode parse(String yaml, String source) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            // an unclosed quote or bracket is reported at the end of the file: point at where it was opened
            var mark = e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String what = e.getContext() == null ? e.getProblem() : e.getContext() + ", " + e.getProblem();
            throw new InputException(line > 0 ? source + ":" + line : source, "not valid YAML: " + what,
                    "check the indentation and quoting");
        } catch (YAMLException e) {
            throw new InputException(source, "not valid YAML: " + e.getMessage(), "check the indentation and quoting");
        }
        if (root == null) {
            throw new InputException(source, "is empty", "see the spec reference in README.md");
        }
        SpecNode node = new SpecNode(root, source, "");
        if (!(root instanceof MappingNode)) {
            throw node.problem("the file is not a mapping of keys", "start with keys such as provider: and objectives:");
        }
        return node;
    }

    /** {@code file:line} of this node. */
    String where() {
        return source + ":" + (node.getStartMark().getLine() + 1);
    }

    String source() {
        return source;
    }

    /** The dotted path of this node in the document, such as {@code objectives[1].pass}. */
    String path() {
        return path;
    }

    InputException problem(String problem, String hint) {
        return new InputException(where(), (path.isEmpty() ? "" : path + ": ") + problem, hint);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** Refuses keys other than {@code known}, at the unknown key's line. */
    SpecNode allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (NodeTuple t : mapping().getValue()) {
            String key = keyText(t);
            if (!allowed.contains(key)) {
                SpecNode at = new SpecNode(t.getKeyNode(), source, child(key));
                throw at.problem("unknown key '" + key + "'", "known keys here: "
                        + String.join(", ", new TreeSet<>(Arrays.asList(known))));
            }
        }
        return this;
    }

    /** The value under {@code key}, or null when absent or written as null. */
    SpecNode get(String key) {
        for (NodeTuple t : mapping().getValue()) {
            if (keyText(t).equals(key)) {
                Node value = t.getValueNode();
                if (value instanceof ScalarNode s && isNull(s)) {
                    return null;
                }
                return new SpecNode(value, source, child(key));
            }
        }
        return null;
    }

    SpecNode require(String key, String hint) {
        SpecNode value = get(key);
        if (value == null) {
            throw problem("'" + key + "' is missing", hint);
        }
        return value;
    }

    /** The {@code name:} of a list item, refused when empty or already in {@code seen}; {@code kind} is "objective". */
    String uniqueName(java.util.Set<String> seen, String kind) {
        SpecNode nameNode = require("name", "name the " + kind + ", such as error_rate");
        String name = nameNode.text().trim();
        if (name.isEmpty() || !seen.add(name)) {
            throw nameNode.problem(name.isEmpty() ? "the name is empty" : kind + " '" + name + "' is defined twice",
                    "give each " + kind + " its own name");
        }
        return name;
    }

    /** The {@code query:} of a list item: present and not blank. */
    SpecNode query(String hint) {
        SpecNode queryNode = require("query", hint);
        if (queryNode.text().isBlank()) {
            throw queryNode.problem("the query is empty", hint);
        }
        return queryNode;
    }

    /** The entries of a mapping in file order. */
    Map<String, SpecNode> entries() {
        Map<String, SpecNode> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping().getValue()) {
            String key = keyText(t);
            out.put(key, new SpecNode(t.getValueNode(), source, child(key)));
        }
        return out;
    }

    /** The items of a sequence. */
    List<SpecNode> items() {
        if (!(node instanceof SequenceNode seq)) {
            throw problem("expected a list", "write a YAML list, one '- ' item per line or [a, b]");
        }
        List<SpecNode> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new SpecNode(seq.getValue().get(i), source, path + "[" + i + "]"));
        }
        return out;
    }

    String text() {
        if (!(node instanceof ScalarNode s)) {
            throw problem("expected a single value", "write a plain value, not a list or a mapping");
        }
        return s.getValue();
    }

    String text(String key, String fallback) {
        SpecNode v = get(key);
        return v == null ? fallback : v.text();
    }

    double number() {
        String t = text().trim();
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw problem("'" + t + "' is not a number", "write a number such as 2 or 0.5");
    }

    double number(String key, double fallback) {
        SpecNode v = get(key);
        return v == null ? fallback : v.number();
    }

    int wholeNumber(String key, int fallback, int min) {
        SpecNode v = get(key);
        if (v == null) {
            return fallback;
        }
        String t = v.text().trim();
        try {
            int n = Integer.parseInt(t);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw v.problem("'" + t + "' is not a whole number of at least " + min, "write a number such as " + Math.max(min, 3));
    }

    boolean bool(String key, boolean fallback) {
        SpecNode v = get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.text().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw v.problem("'" + v.text() + "' is not true or false", "write true or false");
        };
    }

    Duration duration(String key, Duration fallback) {
        SpecNode v = get(key);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Times.parseDuration(v.text(), "");
            if (d.isZero()) {
                throw v.problem("'" + v.text() + "' is zero", "write a positive duration such as 30s or 10m");
            }
            return d;
        } catch (InputException e) {
            if (e.getMessage().startsWith(where())) {
                throw e;
            }
            throw v.problem("'" + v.text() + "' is not a duration", "write a duration such as 30s, 10m or 1h");
        }
    }

    /** A string-to-string mapping, such as {@code vars:} or {@code headers:}. */
    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        entries().forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    private MappingNode mapping() {
        if (!(node instanceof MappingNode m)) {
            throw problem("expected a mapping of keys", "write 'key: value' lines indented under it");
        }
        return m;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String keyText(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
    }

    private static boolean isNull(ScalarNode s) {
        return s.getTag().getValue().endsWith(":null");
    }
}
