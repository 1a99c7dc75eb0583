package io.shipwatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.cli.exec.Spool;
import io.shipwatch.core.Problems;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.SpanStatus;
import io.shipwatch.pipeline.TraceExport;
import io.shipwatch.pipeline.TraceExport.TraceExportException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch pipeline finish}: closes the run's root span and exports the run. */
@Command(name = "finish",
        description = {"Close the open run and export its spans: over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or "
                + "..._TRACES_ENDPOINT) is set, and to the Shipwatch server when --server or SHIPWATCH_SERVER is set "
                + "(to the default server when neither is). Steps still running are exported as unfinished. On a "
                + "failed export the run stays in the spool: run finish again."})
final class PipelineFinishCommand implements Callable<Integer> {
    static final List<String> RESULTS = List.of("success", "failure", "error", "timeout", "cancellation");

    @ParentCommand
    PipelineCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--status", paramLabel = "RESULT", description = "The run's result: success, failure, error, "
            + "timeout or cancellation. Default: failure when a step failed, else success.")
    String status;

    @Option(names = "--trace-id", paramLabel = "ID", description = "The run to finish. Default: TRACEPARENT's, else the open run.")
    String traceId;

    @Option(names = "--spool", paramLabel = "DIR", description = "The spool folder. Default: as 'pipeline start'.")
    Path spoolDir;

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    public Integer call() throws IOException, ApiException {
        Problems problems = new Problems();
        if (status != null && !RESULTS.contains(status)) {
            problems.add("--status", "unknown result '" + status + "'", "use one of " + String.join(", ", RESULTS));
        }
        ServerOptions.Target target = null;
        boolean otlp = otlpConfigured();
        if (server.named(parent.env()) || !otlp) {
            target = server.target(parent.env(), problems);
        }
        problems.throwIfAny();

        Spool spool = parent.spool(spoolDir);
        String id = SpooledRun.choose(spool, traceId, parent.env());
        SpooledRun run = SpooledRun.read(spool, id);
        long now = parent.nowNanos();
        if (run.root != null && !run.root.has("end")) {
            close(run, now);
            SpooledRun.writeRoot(spool, run.root); // a retried finish exports the same end time
        }
        List<PipelineSpan> spans = run.spans(now);
        List<String> sent;
        try {
            sent = parent.export().send(spans, new TraceExport.Destinations(parent.env(), otlp,
                    target == null ? null : target.uri(), target == null ? null : target.token()));
        } catch (TraceExportException e) {
            throw new ApiException(e.unreachable() ? ExitCode.UNREACHABLE : ExitCode.REFUSED, e.getMessage()
                    + "; the run stays in the spool " + spool.root() + ": run 'shipwatch pipeline finish --trace-id "
                    + id + "' again");
        }
        spool.clearCurrentRun(id);
        delete(spool.runFolder(id));
        PrintWriter out = spec.commandLine().getOut();
        out.println("run " + id + ": " + spans.size() + " spans exported to " + String.join(" and ", sent));
        out.flush();
        return ExitCode.OK;
    }

    private void close(SpooledRun run, long now) {
        String result = status != null ? status
                : run.finished.stream().anyMatch(s -> s.status() == SpanStatus.ERROR) ? "failure" : "success";
        ObjectNode root = run.root;
        root.put("end", now);
        root.put("status", result.equals("success") ? SpanStatus.OK.wireName() : SpanStatus.ERROR.wireName());
        if (!result.equals("success")) {
            root.put("message", "pipeline result: " + result);
        }
        ((ObjectNode) root.path("attributes")).put("cicd.pipeline.result", result);
    }

    private boolean otlpConfigured() {
        var env = parent.env();
        String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "");
        return !isBlank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")) || !isBlank(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
                || exporter.contains("otlp");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
