package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import io.shipwatch.loadtest.BaselineSpec;
import io.shipwatch.loadtest.Comparison;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.MedianBaseline;
import io.shipwatch.loadtest.Rule;
import java.nio.file.Files;
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
                + "fails when its mean or p95 grows by more than 20%% and more than 5 ms, or its error rate by more "
                + "than one percentage point, and warns from 10%%. Where both sides have raw samples, a latency rise "
                + "only counts when it is statistically significant (one-sided Mann-Whitney U).",
                "With --baseline last-passed (the newest passed run), last-passed:N (the median of the newest N) or "
                        + "version:V, the baseline comes from the server (--service and --scenario say whose), and the "
                        + "candidate is recorded there as --version with its verdict: a passing one becomes the next "
                        + "baseline unless --no-promote. With no baseline yet, the candidate becomes the first.",
                "Exit codes: 0 pass (or warn), 1 fail (or warn with --fail-on-warn), 2 bad input, 3 server unreachable."})
final class LoadtestCompareCommand implements Callable<Integer> {
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

    @Mixin
    FormatOption format = new FormatOption();

    @Mixin
    VerdictOptions verdict = new VerdictOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    public Integer call() throws ApiException {
        List<Rule> rules = verdict.rules();
        String fmt = format.format();
        boolean fromServer = baseline.size() == 1 && BaselineSpec.isServerBaseline(baseline.get(0))
                && !Files.exists(Path.of(baseline.get(0)));
        if (fromServer) {
            BaselineSpec baselineSpec = BaselineSpec.parse(baseline.get(0), "--baseline");
            Problems problems = new Problems();
            run.validate(problems, true);
            ApiClient client = server.client(parent.env(), problems);
            problems.throwIfAny();
            LoadTestResult cand = LoadTestParsers.read(candidate, fmt);
            return verdict.print(new LoadtestServer(client).judge(baselineSpec, run, cand, List.of(), rules,
                    verdict.confidence, verdict.noPromote), spec.commandLine().getOut());
        }
        LoadTestResult base = MedianBaseline.of(baseline.stream().map(f -> LoadTestParsers.read(Path.of(f), fmt)).toList());
        LoadTestResult cand = LoadTestParsers.read(candidate, fmt);
        return verdict.print(Comparison.compare(base, cand, rules, verdict.confidence), spec.commandLine().getOut());
    }
}
