package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.loadtest.BaselineSpec;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.Comparison;
import io.shipwatch.loadtest.ComparisonReport;
import io.shipwatch.loadtest.Level;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.LoadTestRunJson;
import io.shipwatch.loadtest.MedianBaseline;
import io.shipwatch.loadtest.Rule;
import io.shipwatch.loadtest.RunStatus;
import io.shipwatch.loadtest.ServiceComparison;
import io.shipwatch.loadtest.ServiceMetric;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The server calls of the loadtest commands: record a run, fetch the runs a baseline is made of. */
final class LoadtestServer {
    static final String RUNS = "/api/v1/loadtest/runs";

    private final ApiClient client;

    LoadtestServer(ApiClient client) {
        this.client = client;
    }

    /** Records a run; returns it as stored, with its id. */
    LoadTestRun record(LoadTestRun run) throws ApiException {
        return read(client.post(RUNS, LoadTestRunJson.write(run)));
    }

    /** The runs of a baseline, newest first; empty when the server has none yet. */
    List<LoadTestRun> baseline(BaselineSpec spec, String service, String scenario) throws ApiException {
        StringBuilder path = new StringBuilder(RUNS + "?service=" + encode(service) + "&scenario=" + encode(scenario)
                + "&limit=" + spec.runs());
        if (spec.status() != null) {
            path.append("&status=").append(spec.status().wireName());
        }
        if (spec.version() != null) {
            path.append("&version=").append(encode(spec.version()));
        }
        List<LoadTestRun> runs = new ArrayList<>();
        for (JsonNode item : client.get(path.toString()).path("items")) {
            runs.add(read(item));
        }
        return runs;
    }

    /**
     * Compares the candidate with the baseline's runs (the first run becomes the baseline when there is none), the
     * service's metrics too when given, then records the candidate with its verdict: passed (unjudged when
     * {@code noPromote}), or failed.
     */
    ComparisonReport judge(BaselineSpec spec, RunOptions run, LoadTestResult candidate, List<ServiceMetric> metrics,
                           List<Rule> rules, double confidence, boolean noPromote) throws ApiException {
        List<LoadTestRun> runs = baseline(spec, run.service, run.scenario);
        ComparisonReport report;
        if (runs.isEmpty()) {
            report = new ComparisonReport(Level.PASS, "no " + spec.describe() + " run of " + run.service + "/"
                    + run.scenario + " yet (this run becomes the first)", candidate.source(), confidence, List.of(),
                    List.of());
        } else {
            LoadTestResult base = MedianBaseline.of(runs.stream().map(LoadTestRun::result).toList());
            report = Comparison.compare(base, candidate, rules, confidence);
            if (!metrics.isEmpty()) {
                report = report.withServices(ServiceComparison.compare(runs.get(0).serviceMetrics(), metrics));
            }
        }
        RunStatus status = report.result() == Level.FAIL ? RunStatus.FAILED
                : noPromote ? RunStatus.UNJUDGED : RunStatus.PASSED;
        record(new LoadTestRun(null, run.service, run.scenario, run.version, status, null, candidate, metrics));
        return report;
    }

    String server() {
        return client.server();
    }

    private LoadTestRun read(JsonNode node) throws ApiException {
        Problems problems = new Problems();
        LoadTestRun run = LoadTestRunJson.read(node, problems);
        if (!problems.isEmpty() || run == null) {
            String detail = "";
            try {
                problems.throwIfAny();
            } catch (InputException e) {
                detail = ": " + e.getMessage();
            }
            throw new ApiException(ExitCode.REFUSED, "server " + client.server() + " answered with a run this "
                    + "shipwatch cannot read" + detail + "; are the CLI and server the same version?");
        }
        return new LoadTestRun(node.path("id").asText(null), run.service(), run.scenario(), run.version(),
                run.status(), null, run.result(), run.serviceMetrics());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
