package io.shipwatch.cli.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The local folder where a pipeline run's state waits until {@code pipeline finish} exports it: one folder per
 * trace ({@code run.json} from {@code start}, {@code spans.jsonl} appended by each {@code exec}) and {@code current}
 * naming the open run. JDK-only: the lean {@code exec} path loads it.
 */
public final class Spool {
    public static final String ENV = "SHIPWATCH_SPOOL";
    static final String CURRENT = "current";
    public static final String SPANS = "spans.jsonl";
    public static final String RUN = "run.json";
    /** Spans of imported test reports, apart from the steps so an import never reads earlier imports back. */
    public static final String TESTS = "tests.jsonl";

    private final Path root;

    public Spool(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The spool named by {@code SHIPWATCH_SPOOL}, else {@code $RUNNER_TEMP/shipwatch} on GitHub's runners (kept for
     * the whole job), else {@code shipwatch-spool} under the system's temporary folder.
     */
    public static Spool of(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return new Spool(Path.of(configured.trim()));
        }
        String runnerTemp = env.get("RUNNER_TEMP");
        if (runnerTemp != null && !runnerTemp.isBlank()) {
            return new Spool(Path.of(runnerTemp.trim(), "shipwatch"));
        }
        return new Spool(Path.of(System.getProperty("java.io.tmpdir"), "shipwatch-spool"));
    }

    public Path root() {
        return root;
    }

    public Path runFolder(String traceId) {
        return root.resolve(traceId);
    }

    /** The open run as "traceId spanId" of its root span, or null when no run is open. */
    public String[] currentRun() throws IOException {
        Path current = root.resolve(CURRENT);
        if (!Files.isRegularFile(current)) {
            return null;
        }
        String[] parts = Files.readString(current, StandardCharsets.UTF_8).trim().split(" ");
        return parts.length == 2 ? parts : null;
    }

    /** Makes {@code traceId}/{@code rootSpanId} the open run. */
    public void setCurrentRun(String traceId, String rootSpanId) throws IOException {
        Files.createDirectories(root);
        Path tmp = Files.createTempFile(root, CURRENT, ".tmp");
        Files.writeString(tmp, traceId + " " + rootSpanId + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, root.resolve(CURRENT), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Closes the open run if it is {@code traceId}. */
    public void clearCurrentRun(String traceId) throws IOException {
        String[] current = currentRun();
        if (current != null && current[0].equals(traceId)) {
            Files.deleteIfExists(root.resolve(CURRENT));
        }
    }

    /**
     * Appends one line to the run's span log. One write call with O_APPEND: lines written by concurrent steps
     * (parallel or nested {@code exec}) never interleave.
     */
    public void append(String traceId, String line) throws IOException {
        Path folder = runFolder(traceId);
        Files.createDirectories(folder);
        Files.write(folder.resolve(SPANS), (line + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Appends many lines to the run's test log ({@value #TESTS}) in one write, without reading what is there. */
    public void appendTests(String traceId, List<String> lines) throws IOException {
        Path folder = runFolder(traceId);
        Files.createDirectories(folder);
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        Files.write(folder.resolve(TESTS), text.toString().getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** The run's span log, one JSON object a line; empty when nothing was written. */
    public List<String> lines(String traceId) throws IOException {
        return lines(traceId, SPANS);
    }

    /** The lines of one of the run's logs ({@value #SPANS} or {@value #TESTS}); empty when nothing was written. */
    public List<String> lines(String traceId, String log) throws IOException {
        Path file = runFolder(traceId).resolve(log);
        return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
