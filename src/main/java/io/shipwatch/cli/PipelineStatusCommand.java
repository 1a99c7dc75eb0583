package io.shipwatch.cli;

import io.shipwatch.cli.exec.Spool;
import io.shipwatch.pipeline.PipelineSpan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch pipeline status}: the open run's steps so far, running ones included. */
@Command(name = "status", description = "Show the open run's steps so far: status, duration, exit code.")
final class PipelineStatusCommand implements Callable<Integer> {
    @ParentCommand
    PipelineCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--trace-id", paramLabel = "ID", description = "The run to show. Default: TRACEPARENT's, else the open run.")
    String traceId;

    @Option(names = "--spool", paramLabel = "DIR", description = "The spool folder. Default: as 'pipeline start'.")
    Path spoolDir;

    @Override
    public Integer call() throws IOException {
        Spool spool = parent.spool(spoolDir);
        SpooledRun run = SpooledRun.read(spool, SpooledRun.choose(spool, traceId, parent.env()));
        long now = parent.nowNanos();
        PrintWriter out = spec.commandLine().getOut();
        List<PipelineSpan> spans = run.spans(now);
        String rootName = run.root == null ? "(no 'pipeline start': a step's own trace)" : run.root.path("name").asText();
        out.printf(Locale.ROOT, "run %s  %s%n", run.traceId, rootName);
        spans.stream()
                .filter(s -> run.root == null || !s.spanId().equals(run.root.path("spanId").asText()))
                .sorted(Comparator.comparingLong(PipelineSpan::startNanos))
                .forEach(s -> out.printf(Locale.ROOT, "  %-8s %9s  %-40s %s%n", state(s), seconds(s.durationNanos()),
                        s.name(), s.attributes().containsKey("process.exit.code") ? "exit " + s.attribute("process.exit.code") : ""));
        out.flush();
        return ExitCode.OK;
    }

    private static String state(PipelineSpan s) {
        if (s.attributes().containsKey(SpooledRun.UNFINISHED)) {
            return "running";
        }
        return s.status().wireName();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
