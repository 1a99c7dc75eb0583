package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import io.shipwatch.loadtest.CompareRules;
import io.shipwatch.loadtest.Comparison;
import io.shipwatch.loadtest.ComparisonOutput;
import io.shipwatch.loadtest.ComparisonReport;
import io.shipwatch.loadtest.Level;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.MedianBaseline;
import io.shipwatch.loadtest.Rule;
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
import picocli.CommandLine.Spec;

/** {@code shipwatch loadtest compare}: judges a candidate run against a baseline run under rules. */
@Command(name = "compare",
        description = {"Compare a candidate load-test run with a baseline, label by label. Without --rules, a label "
                + "fails when its mean or p95 grows by more than 20% and more than 5 ms, or its error rate by more "
                + "than one percentage point, and warns from 10%. Where both sides have raw samples, a latency rise "
                + "only counts when it is statistically significant (one-sided Mann-Whitney U).",
                "Exit codes: 0 pass (or warn), 1 fail (or warn with --fail-on-warn), 2 bad input."})
final class LoadtestCompareCommand implements Callable<Integer> {
    /** The candidate broke a fail rule (or a warn rule with --fail-on-warn). */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--baseline", required = true, arity = "1", paramLabel = "FILE",
            description = "The baseline's result file. Repeat it to use the median of several runs.")
    List<Path> baseline;

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

    @Override
    public Integer call() {
        if (!List.of("table", "json", "junit", "markdown").contains(output)) {
            throw new InputException("--output", "unknown output '" + output + "'", "use table, json, junit or markdown");
        }
        if (!(confidence >= 0.5 && confidence <= 0.999)) {
            throw new InputException("--confidence", "'" + confidence + "' is out of range", "use 0.5 to 0.999, "
                    + "such as 0.95");
        }
        List<Rule> ruleList = rules == null ? CompareRules.defaults() : CompareRules.parse(read(rules), rules.toString());
        String fmt = format.format();
        LoadTestResult base = MedianBaseline.of(baseline.stream().map(f -> LoadTestParsers.read(f, fmt)).toList());
        LoadTestResult cand = LoadTestParsers.read(candidate, fmt);
        ComparisonReport report = Comparison.compare(base, cand, ruleList, confidence);
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
