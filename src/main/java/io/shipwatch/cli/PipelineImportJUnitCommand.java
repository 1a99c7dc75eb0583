package io.shipwatch.cli;

import io.shipwatch.cli.exec.Spool;
import io.shipwatch.core.InputException;
import io.shipwatch.pipeline.JUnitXmlParser;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.TestReport;
import io.shipwatch.pipeline.TestSpans;
import io.shipwatch.pipeline.TraceParent;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch pipeline import junit}: test suites and cases as spans under the step that ran them. */
@Command(name = "junit",
        description = {"Add the suites and cases of JUnit XML reports (Maven Surefire, Gradle, pytest, jest) to the open "
                + "run, under the step that ran them: --step NAME (a step 'shipwatch exec --name NAME' recorded), else "
                + "the span in TRACEPARENT, else the run's root. They are exported with the run at 'pipeline finish'. "
                + "Flaky tests (passed on a rerun) stay visible as shipwatch.test.flaky."})
final class PipelineImportJUnitCommand implements Callable<Integer> {
    @ParentCommand
    PipelineImportCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "JUnit XML reports, e.g. target/surefire-reports/TEST-*.xml.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--step", paramLabel = "NAME", description = "The recorded step that ran the tests.")
    String step;

    @Option(names = "--trace-id", paramLabel = "ID", description = "The run. Default: TRACEPARENT's, else the open run.")
    String traceId;

    @Option(names = "--spool", paramLabel = "DIR", description = "The spool folder. Default: as 'pipeline start'.")
    Path spoolDir;

    @Override
    public Integer call() throws IOException {
        PipelineCommand pipeline = parent.parent;
        List<TestReport> reports = new ArrayList<>();
        for (Path file : files) { // every file is read before anything is written: nothing half-imported
            if (!Files.isRegularFile(file)) {
                throw new InputException(file.toString(), "does not exist or is not a file", "pass JUnit XML report files");
            }
            try (InputStream in = Files.newInputStream(file)) {
                reports.add(JUnitXmlParser.parse(file.toString(), in, spec.commandLine().getErr()::println));
            }
        }
        Spool spool = pipeline.spool(spoolDir);
        String id = SpooledRun.choose(spool, traceId, pipeline.env());
        SpooledRun run = SpooledRun.read(spool, id, false); // steps only: earlier imports are not read back
        PipelineSpan parentSpan = parentSpan(run, pipeline.nowNanos());
        List<PipelineSpan> spans = TestSpans.of(reports, id, parentSpan.spanId(), parentSpan.startNanos());
        SpooledRun.appendTests(spool, id, spans);
        PrintWriter out = spec.commandLine().getOut();
        out.println(spans.size() + " test spans added to run " + id + " under '" + parentSpan.name() + "'");
        out.flush();
        return ExitCode.OK;
    }

    private PipelineSpan parentSpan(SpooledRun run, long now) {
        List<PipelineSpan> spans = run.spans(now);
        if (step != null) {
            return spans.stream().filter(s -> s.name().equals(step)).max(Comparator.comparingLong(PipelineSpan::startNanos))
                    .orElseThrow(() -> new InputException("--step", "no step named '" + step + "' in run " + run.traceId,
                            "use the --name given to 'shipwatch exec'; 'shipwatch pipeline status' lists the steps"));
        }
        String header = pipeline().env().get("TRACEPARENT");
        if (header != null && !header.isBlank()) {
            try {
                TraceParent p = TraceParent.parse(header);
                if (p.traceId().equals(run.traceId)) {
                    for (PipelineSpan s : spans) {
                        if (s.spanId().equals(p.spanId())) {
                            return s;
                        }
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // the run's root, below
            }
        }
        return spans.stream().filter(s -> run.root != null && s.spanId().equals(run.root.path("spanId").asText()))
                .findFirst().orElseThrow(() -> new InputException("--step", "the run " + run.traceId + " has no root span",
                        "name the step that ran the tests with --step"));
    }

    private PipelineCommand pipeline() {
        return parent.parent;
    }
}
