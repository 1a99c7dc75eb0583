package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.cli.exec.Spool;
import io.shipwatch.core.InputException;
import io.shipwatch.json.Json;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.SpanLink;
import io.shipwatch.pipeline.SpanStatus;
import io.shipwatch.pipeline.TraceIds;
import io.shipwatch.pipeline.TraceParent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run as the spool holds it: the root span {@code pipeline start} wrote ({@code run.json}, null for a trace that
 * a lone {@code exec} began) and the steps' {@code open} and {@code span} lines. Turns them into spans for export.
 */
final class SpooledRun {
    /** Marks a step that had not ended when the run was exported. */
    static final String UNFINISHED = PipelineSpan.UNFINISHED;

    final String traceId;
    final ObjectNode root;
    final List<PipelineSpan> finished = new ArrayList<>();
    final Map<String, JsonNode> open = new LinkedHashMap<>();

    private SpooledRun(String traceId, ObjectNode root) {
        this.traceId = traceId;
        this.root = root;
    }

    /** Which run a command means: {@code --trace-id}, else TRACEPARENT's trace when spooled, else the open run. */
    static String choose(Spool spool, String traceIdFlag, Map<String, String> env) throws IOException {
        if (traceIdFlag != null) {
            if (!TraceIds.isTraceId(traceIdFlag)) {
                throw new InputException("--trace-id", "'" + traceIdFlag + "' is not 32 lower-case hex digits",
                        "pass the trace id that 'pipeline start' or 'exec' printed");
            }
            return traceIdFlag;
        }
        String header = env.get("TRACEPARENT");
        if (header != null && !header.isBlank()) {
            try {
                String traceId = TraceParent.parse(header).traceId();
                if (Files.isDirectory(spool.runFolder(traceId))) {
                    return traceId;
                }
            } catch (IllegalArgumentException malformed) {
                // fall back to the open run below
            }
        }
        String[] current = spool.currentRun();
        if (current == null) {
            throw new InputException("spool " + spool.root(), "no open pipeline run",
                    "run 'shipwatch pipeline start' first, or pass --trace-id (and --spool or SHIPWATCH_SPOOL if it is elsewhere)");
        }
        return current[0];
    }

    /** The whole run: its root, its steps and the test spans imported into it. */
    static SpooledRun read(Spool spool, String traceId) throws IOException {
        return read(spool, traceId, true);
    }

    /** The run's root and steps, and its imported test spans only when {@code withTests}: they can be 100,000s. */
    static SpooledRun read(Spool spool, String traceId, boolean withTests) throws IOException {
        Path folder = spool.runFolder(traceId);
        if (!Files.isDirectory(folder)) {
            throw new InputException("--trace-id", "no run " + traceId + " in the spool " + spool.root(),
                    "check the id, and --spool or SHIPWATCH_SPOOL");
        }
        Path runFile = folder.resolve(Spool.RUN);
        ObjectNode root = Files.isRegularFile(runFile) ? (ObjectNode) parse(Files.readString(runFile), runFile, 1) : null;
        SpooledRun run = new SpooledRun(traceId, root);
        for (String log : withTests ? List.of(Spool.SPANS, Spool.TESTS) : List.of(Spool.SPANS)) {
            run.readLog(spool, log);
        }
        return run;
    }

    private void readLog(Spool spool, String log) throws IOException {
        Path folder = spool.runFolder(traceId);
        int lineNo = 0;
        for (String line : spool.lines(traceId, log)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = parse(line, folder.resolve(log), lineNo);
            } catch (InputException torn) {
                continue; // a step killed mid-write leaves a torn last line; the others still count
            }
            if ("open".equals(node.path("type").asText())) {
                open.put(node.path("spanId").asText(), node);
            } else {
                open.remove(node.path("spanId").asText());
                finished.add(span(node, node.path("end").asLong(), null));
            }
        }
    }

    /** Every span of the run; steps still open end at {@code nowNanos}, marked unfinished; so does an open root. */
    List<PipelineSpan> spans(long nowNanos) {
        List<PipelineSpan> spans = new ArrayList<>();
        if (root != null) {
            boolean ended = root.has("end");
            spans.add(span(root, ended ? root.path("end").asLong() : nowNanos, ended ? null : Boolean.TRUE));
        }
        spans.addAll(finished);
        open.values().forEach(node -> spans.add(span(node, Math.max(nowNanos, node.path("start").asLong()), Boolean.TRUE)));
        return spans;
    }

    /** Appends a finished span to the run's log, as {@code exec} does; read back by {@link #read}. */
    static void append(Spool spool, PipelineSpan s) throws IOException {
        spool.append(s.traceId(), line(s));
    }

    /** Appends imported test spans to the run's test log in one write; read back by {@link #read} with tests. */
    static void appendTests(Spool spool, String traceId, List<PipelineSpan> spans) throws IOException {
        List<String> lines = new ArrayList<>(spans.size());
        for (PipelineSpan s : spans) {
            lines.add(line(s));
        }
        spool.appendTests(traceId, lines);
    }

    private static String line(PipelineSpan s) throws IOException {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("type", "span");
        n.put("traceId", s.traceId());
        n.put("spanId", s.spanId());
        n.put("parentSpanId", s.parentSpanId());
        n.put("name", s.name());
        n.put("start", s.startNanos());
        n.put("end", s.endNanos());
        n.put("status", s.status().wireName());
        n.put("message", s.statusMessage());
        n.set("attributes", Json.mapper().valueToTree(s.attributes()));
        return Json.mapper().writeValueAsString(n);
    }

    static Path runFile(Spool spool, String traceId) {
        return spool.runFolder(traceId).resolve(Spool.RUN);
    }

    static void writeRoot(Spool spool, ObjectNode root) throws IOException {
        Path folder = spool.runFolder(root.path("traceId").asText());
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, "run", ".tmp");
        Files.writeString(tmp, Json.write(root), StandardCharsets.UTF_8);
        Files.move(tmp, folder.resolve(Spool.RUN), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static PipelineSpan span(JsonNode n, long end, Boolean unfinished) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("attributes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            attributes.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asLong() : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
        }
        SpanStatus status = SpanStatus.ofWireName(n.path("status").asText());
        if (unfinished != null) {
            attributes.put(UNFINISHED, true);
            status = SpanStatus.UNSET;
        }
        List<SpanLink> links = new ArrayList<>();
        n.path("links").forEach(l -> links.add(new SpanLink(l.path("traceId").asText(), l.path("spanId").asText())));
        String parent = n.hasNonNull("parentSpanId") ? n.path("parentSpanId").asText() : null;
        return new PipelineSpan(n.path("traceId").asText(), n.path("spanId").asText(), parent, n.path("name").asText(),
                n.path("start").asLong(), end, status, n.hasNonNull("message") ? n.path("message").asText() : null,
                attributes, links);
    }

    private static JsonNode parse(String text, Path file, int line) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new InputException(file + ":" + line, "not a JSON object", "the spool is damaged; remove the run's folder");
        }
    }
}
