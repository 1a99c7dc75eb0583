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
                + "'loadtest compare' does, and the run is recorded with its verdict. Service metrics are only "
                + "judged from a real metrics backend, never from demo or missing data (see --service-metrics).",
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

    @Option(names = "--service-metrics", paramLabel = "MODE", defaultValue = "auto",
            description = "auto: compare the service's metrics when the server has a metrics backend, else say so and "
                    + "judge the load-test results alone; required: exit 2 before the test when it has none; off: "
                    + "judge the load-test results alone. Default: ${DEFAULT-VALUE}.")
    String serviceMetrics;

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
        if (!List.of("auto", "required", "off").contains(serviceMetrics)) {
            problems.add("--service-metrics", "'" + serviceMetrics + "' is not a mode", "use auto, required or off");
        }
        problems.throwIfAny();
        List<Rule> rules = verdict.rules();
        BaselineSpec baselineSpec = BaselineSpec.parse(baseline, "--baseline");
        String fmt = format.format();
        String ts = format.timestampFormat();

        boolean measure = !serviceMetrics.equals("off") && hasMetricsBackend(client);
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
        List<ServiceMetric> metrics = measure ? serviceMetrics(client, started, ended) : List.of();
        LoadtestServer api = new LoadtestServer(client);
        return verdict.print(api.judge(baselineSpec, run, result, metrics, rules, verdict.confidence,
                verdict.noPromote), spec.commandLine().getOut());
    }

    /**
     * Whether the server's graphs come from a real metrics backend, asked before the test so that {@code required}
     * fails before any load is sent. Demo series and unconfigured panels are never judged.
     */
    private boolean hasMetricsBackend(ApiClient client) throws ApiException {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode answer = client.get(metricsPath(to.minusSeconds(MIN_WINDOW_SECONDS), to));
        String provider = answer.path("provider").asText("none");
        if (!provider.equals("none") && !provider.equals("demo")) {
            return true;
        }
        String why = provider.equals("demo") ? "only has demo data (metrics.provider type demo)"
                : "has no metrics backend configured (metrics.provider in its config file)";
        if (serviceMetrics.equals("required")) {
            throw new InputException("--service-metrics", "required, but the server " + client.server() + " " + why,
                    "configure a metrics backend on the server, or use --service-metrics auto");
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("shipwatch loadtest run: the server " + why + "; judging the load-test results alone, without "
                + "the service's metrics");
        err.flush();
        return false;
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
        List<ServiceMetric> metrics = new ArrayList<>();
        for (JsonNode panel : client.get(metricsPath(from, to)).path("panels")) {
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

    private String metricsPath(Instant from, Instant to) {
        return "/api/v1/services/" + URLEncoder.encode(run.service, StandardCharsets.UTF_8).replace("+", "%20")
                + "/metrics?from=" + from + "&to=" + to
                + (environment == null ? "" : "&environment=" + URLEncoder.encode(environment, StandardCharsets.UTF_8));
    }
}
