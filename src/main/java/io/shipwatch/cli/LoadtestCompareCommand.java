package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.loadtest.BaselineSpec;
import io.shipwatch.loadtest.CompareRules;
import io.shipwatch.loadtest.Comparison;
import io.shipwatch.loadtest.ComparisonOutput;
import io.shipwatch.loadtest.ComparisonReport;
import io.shipwatch.loadtest.Level;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.MedianBaseline;
import io.shipwatch.loadtest.Rule;
import io.shipwatch.loadtest.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch loadtest compare}: judges a candidate run against a baseline run under rules. */
@Command(name = "compare",
        description = {"Compare a candidate load-test run with a baseline, label by label. Without --rules, a label "
                + "fails when its mean or p95 grows by more than 20% and more than 5 ms, or its error rate by more "
                + "than one percentage point, and warns from 10%. Where both sides have raw samples, a latency rise "
                + "only counts when it is statistically significant (one-sided Mann-Whitney U).",
                "With --baseline last-passed (the newest passed run), last-passed:N (the median of the newest N) or "
                        + "version:V, the baseline comes from the server (--service and --scenario say whose), and the "
                        + "candidate is recorded there as --version with its verdict: a passing one becomes the next "
                        + "baseline unless --no-promote. With no baseline yet, the candidate becomes the first.",
                "Exit codes: 0 pass (or warn), 1 fail (or warn with --fail-on-warn), 2 bad input, 3 server unreachable."})
final class LoadtestCompareCommand implements Callable<Integer> {
    /** The candidate broke a fail rule (or a warn rule with --fail-on-warn). */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @ParentCommand
    LoadtestCommand parent;

    @Option(names = "--baseline", required = true, arity = "1", paramLabel = "FILE|RUN",
            description = "The baseline's result file (repeat it for the median of several runs), or last-passed, "
                    + "last-passed:N or version:V from the server.")
    List<String> baseline;

    @Option(names = "--candidate", required = true, paramLabel = "FILE", description = "The candidate's result file.")
    Path candidate;

    @Option(names = "--rules", paramLabel = "FILE", description = "YAML rules; see 'loadtest compare --help'.")
    Path rules;

    @Mixin
    FormatOption format = new FormatOption();

    @Option(names = "--output", paramLabel = "OUTPUT", defaultValue = "table",
            description = "table, json, junit or markdown. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
            description = "Confidence of the significance test, 0.5 to 0.999. Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--fail-on-warn", description = "Exit 1 on a warning too.")
    boolean failOnWarn;

    @Option(names = "--no-promote", description = "Record a passing candidate as unjudged: not a baseline.")
    boolean noPromote;

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    public Integer call() throws ApiException {
        if (!List.of("table", "json", "junit", "markdown").contains(output)) {
            throw new InputException("--output", "unknown output '" + output + "'", "use table, json, junit or markdown");
        }
        if (!(confidence >= 0.5 && confidence <= 0.999)) {
            throw new InputException("--confidence", "'" + confidence + "' is out of range", "use 0.5 to 0.999, "
                    + "such as 0.95");
        }
        List<Rule> ruleList = rules == null ? CompareRules.defaults() : CompareRules.parse(read(rules), rules.toString());
        String fmt = format.format();
        boolean fromServer = baseline.size() == 1 && BaselineSpec.isServerBaseline(baseline.get(0))
                && !Files.exists(Path.of(baseline.get(0)));
        if (fromServer) {
            return againstServer(BaselineSpec.parse(baseline.get(0), "--baseline"), ruleList, fmt);
        }
        LoadTestResult base = MedianBaseline.of(baseline.stream().map(f -> LoadTestParsers.read(Path.of(f), fmt)).toList());
        LoadTestResult cand = LoadTestParsers.read(candidate, fmt);
        return print(Comparison.compare(base, cand, ruleList, confidence));
    }

    /** Fetches the baseline's runs, compares, then records the candidate with its verdict. */
    private int againstServer(BaselineSpec spec, List<Rule> ruleList, String fmt) throws ApiException {
        Problems problems = new Problems();
        run.validate(problems, true);
        ApiClient client = server.client(parent.env(), problems);
        problems.throwIfAny();
        LoadTestResult cand = LoadTestParsers.read(candidate, fmt);
        LoadtestServer api = new LoadtestServer(client);
        List<LoadTestRun> runs = api.baseline(spec, run.service, run.scenario);
        ComparisonReport report;
        if (runs.isEmpty()) {
            report = new ComparisonReport(Level.PASS, "no " + baseline.get(0) + " run of " + run.service + "/"
                    + run.scenario + " yet (this run becomes the first)", cand.source(), confidence, List.of());
        } else {
            LoadTestResult base = MedianBaseline.of(runs.stream().map(LoadTestRun::result).toList());
            report = Comparison.compare(base, cand, ruleList, confidence);
        }
        RunStatus status = report.result() == Level.FAIL ? RunStatus.FAILED
                : noPromote ? RunStatus.UNJUDGED : RunStatus.PASSED;
        api.record(new LoadTestRun(null, run.service, run.scenario, run.version, status, null, cand));
        return print(report);
    }

    private int print(ComparisonReport report) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (output) {
            case "json" -> ComparisonOutput.json(report).toString() + "\n";
            case "junit" -> ComparisonOutput.junit(report);
            case "markdown" -> ComparisonOutput.markdown(report);
            default -> ComparisonOutput.table(report);
        });
        out.flush();
        boolean failed = report.result() == Level.FAIL || failOnWarn && report.result() == Level.WARN;
        return failed ? FAILED : ExitCode.OK;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException("--rules", "no such file " + file, "give the path of a rules YAML file");
        } catch (IOException e) {
            throw new InputException("--rules", "cannot read " + file + " (" + e.getMessage() + ")", null);
        }
    }
}
