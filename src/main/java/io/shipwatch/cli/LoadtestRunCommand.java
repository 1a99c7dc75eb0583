package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.loadtest.BaselineSpec;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.Rule;
import io.shipwatch.loadtest.ServiceMetric;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch loadtest run}: wraps the load tool, then judges its results and the service's metrics. */
@Command(name = "run",
        description = {"Run a load test and judge it: marks the test window, runs the command after '--' (its output "
                + "goes to stderr), reads --results, and asks the server for the service's own metrics over the "
                + "window (its graph panels: with Prometheus configured, request rate, error ratio and p95, or the "
                + "panels you configured, such as CPU and memory). Both are compared with the baseline's run, as "
                + "'loadtest compare' does, and the run is recorded with its verdict.",
                "Example: shipwatch loadtest run --service checkout --scenario smoke --version 2.1.0 "
                        + "--results out.json -- k6 run --out json=out.json smoke.js"})
final class LoadtestRunCommand implements Callable<Integer> {
    static final int MIN_WINDOW_SECONDS = 30;

    @ParentCommand
    LoadtestCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--results", required = true, paramLabel = "FILE", description = "The file the command writes.")
    Path results;

    @Option(names = "--baseline", paramLabel = "RUN", defaultValue = "last-passed",
            description = "last-passed, last-passed:N or version:V. Default: ${DEFAULT-VALUE}.")
    String baseline;

    @Option(names = "--environment", paramLabel = "ENV", description = "The environment under test, for its metrics.")
    String environment;

    @Mixin
    FormatOption format = new FormatOption();

    @Mixin
    VerdictOptions verdict = new VerdictOptions();

    @Mixin
    ServerOptions server = new ServerOptions();

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The load-test command and its arguments, after --.")
    List<String> command;

    @Override
    public Integer call() throws ApiException {
        Problems problems = new Problems();
        run.validate(problems, true);
        ApiClient client = server.client(parent.env(), problems);
        problems.throwIfAny();
        List<Rule> rules = verdict.rules();
        BaselineSpec baselineSpec = BaselineSpec.parse(baseline, "--baseline");
        String fmt = format.format();
        String ts = format.timestampFormat();

        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int exit = runCommand();
        Instant ended = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LoadTestResult result;
        try {
            result = LoadTestParsers.read(results, fmt, ts);
        } catch (InputException e) {
            throw exit == 0 ? e : new InputException("--", "'" + command.get(0) + "' exited with " + exit
                    + " and " + e.getMessage(), "check the command's output above");
        }
        List<ServiceMetric> metrics = serviceMetrics(client, started, ended);
        LoadtestServer api = new LoadtestServer(client);
        return verdict.print(api.judge(baselineSpec, run, result, metrics, rules, verdict.confidence,
                verdict.noPromote), spec.commandLine().getOut());
    }

    /** Runs the command with this terminal's stdin; its stdout goes to our stderr, so stdout holds only the verdict. */
    private int runCommand() {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new InputException("--", "cannot run '" + command.get(0) + "' (" + e.getMessage() + ")",
                    "check the command after -- and that it is on PATH");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (InputStream out = process.getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = out.read(buffer)) > 0; ) {
                err.print(new String(buffer, 0, n, StandardCharsets.UTF_8));
                err.flush();
            }
            return process.waitFor();
        } catch (IOException e) {
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new InputException("--", "interrupted while '" + command.get(0) + "' ran", null);
        }
    }

    /**
     * The service's graph panels over the window, each reduced to its mean and maximum. Graph steps are at least 15 s,
     * so a shorter test is measured over the {@value #MIN_WINDOW_SECONDS} s ending with it.
     */
    private List<ServiceMetric> serviceMetrics(ApiClient client, Instant testStart, Instant to) throws ApiException {
        Instant from = testStart.isAfter(to.minusSeconds(MIN_WINDOW_SECONDS)) ? to.minusSeconds(MIN_WINDOW_SECONDS)
                : testStart;
        String path = "/api/v1/services/" + URLEncoder.encode(run.service, StandardCharsets.UTF_8).replace("+", "%20")
                + "/metrics?from=" + from + "&to=" + to
                + (environment == null ? "" : "&environment=" + URLEncoder.encode(environment, StandardCharsets.UTF_8));
        List<ServiceMetric> metrics = new ArrayList<>();
        for (JsonNode panel : client.get(path).path("panels")) {
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (JsonNode series : panel.path("series")) {
                for (JsonNode point : series.path("points")) {
                    if (point.size() == 2 && point.get(1).isNumber()) {
                        sum += point.get(1).asDouble();
                        max = Math.max(max, point.get(1).asDouble());
                        n++;
                    }
                }
            }
            metrics.add(new ServiceMetric(panel.path("id").asText(), panel.path("title").asText(),
                    panel.path("unit").asText(""), n == 0 ? null : sum / n, n == 0 ? null : max,
                    panel.hasNonNull("error") ? panel.path("error").asText() : null));
        }
        return metrics;
    }
}
