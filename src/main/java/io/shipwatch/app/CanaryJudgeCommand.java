package io.shipwatch.app;

import io.shipwatch.cli.CanaryReports;
import io.shipwatch.cli.ExitCode;
import io.shipwatch.cli.HelpOption;
import io.shipwatch.cli.WindowOptions;
import io.shipwatch.core.InputException;
import io.shipwatch.gate.CanaryJudge;
import io.shipwatch.gate.CanaryJudgement;
import io.shipwatch.gate.CanarySpec;
import io.shipwatch.gate.CanarySpecParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shipwatch canary judge}: one judgement of the canary against the baseline over a window, past or recent. */
@Command(name = "judge",
        description = {"Judge the canary against the baseline over a window (by default the spec's window, ending now; "
                + "--start/--end for a past one).",
                "Exit codes: 0 promote, 1 rollback, 2 bad input, 3 inconclusive or the metrics could not be had."})
final class CanaryJudgeCommand implements Callable<Integer> {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = "The canary spec (YAML).")
    Path specFile;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Fills {{NAME}} in queries for both groups; "
            + "repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Mixin
    WindowOptions window = new WindowOptions();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or markdown. Default: ${DEFAULT-VALUE}.")
    String output;

    private final Clock clock = Clock.systemUTC();

    CanaryJudgeCommand(Map<String, String> env) {
    }

    @Override
    public Integer call() {
        if (!CanaryReports.FORMATS.contains(output)) {
            throw new InputException("--output", "unknown format '" + output + "'",
                    "use one of " + String.join(", ", CanaryReports.FORMATS));
        }
        CanarySpec canary = CanarySpecParser.parse(SpecFiles.read(specFile, "--spec", "a canary spec (YAML)"),
                specFile.toString(), vars);
        CanaryJudge judge = new CanaryJudge(MetricsProviders.forSpec(canary.provider()));
        CanaryJudgement j = judge.judge(canary, window.resolve(canary.window(), clock.instant()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(CanaryReports.render(j, output));
        out.flush();
        return switch (j.decision()) {
            case PROMOTE -> ExitCode.OK;
            case ROLLBACK -> ExitCode.REFUSED;
            case INCONCLUSIVE -> ExitCode.UNREACHABLE;
        };
    }
}
