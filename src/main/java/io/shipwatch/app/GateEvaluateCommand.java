package io.shipwatch.app;

import io.shipwatch.cli.ExitCode;
import io.shipwatch.cli.GateReports;
import io.shipwatch.cli.HelpOption;
import io.shipwatch.cli.WindowOptions;
import io.shipwatch.core.InputException;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.BaselineSource;
import io.shipwatch.gate.GateEvaluator;
import io.shipwatch.gate.GateSpec;
import io.shipwatch.gate.GateSpecParser;
import io.shipwatch.gate.GateVerdict;
import io.shipwatch.providers.MetricsProvider;
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

/** {@code shipwatch gate evaluate}: one evaluation of a gate spec over a window, printed and turned into an exit code. */
@Command(name = "evaluate",
        description = {"Evaluate a gate spec over a window (by default the spec's window, ending now).",
                "Exit codes: 0 pass (and warning unless --fail-on-warning), 1 fail, 2 bad input, 3 the metrics could "
                        + "not be had (provider unreachable or erroring), never 0 then."})
final class GateEvaluateCommand implements Callable<Integer> {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = "The gate spec (YAML).")
    Path specFile;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Fills {{NAME}} in queries; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Mixin
    WindowOptions window = new WindowOptions();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json, junit or markdown. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--fail-on-warning", description = "Exit 1 on a warning too.")
    boolean failOnWarning;

    private final Clock clock;

    GateEvaluateCommand(Map<String, String> env) {
        this.clock = Clock.systemUTC();
    }

    @Override
    public Integer call() {
        if (!GateReports.FORMATS.contains(output)) {
            throw new InputException("--output", "unknown format '" + output + "'",
                    "use one of " + String.join(", ", GateReports.FORMATS));
        }
        String file = specFile.toString();
        GateSpec gate = GateSpecParser.parse(SpecFiles.read(specFile, "--spec", "a gate spec (YAML)"), file, vars);
        MetricsProvider provider = MetricsProviders.forSpec(gate.provider());
        TimeWindow w = window.resolve(gate.window(), clock.instant());
        GateVerdict verdict = new GateEvaluator(provider).evaluate(gate, w, BaselineSource.NONE);
        PrintWriter out = spec.commandLine().getOut();
        out.print(GateReports.render(verdict, output));
        out.flush();
        return switch (verdict.result()) {
            case PASS -> ExitCode.OK;
            case WARNING -> failOnWarning ? ExitCode.REFUSED : ExitCode.OK;
            case FAIL -> ExitCode.REFUSED;
            case ERROR -> {
                PrintWriter err = spec.commandLine().getErr();
                err.println("gate " + gate.name() + ": no verdict: " + verdict.reason().replaceAll("[\\r\\n]+", " "));
                err.flush();
                yield ExitCode.UNREACHABLE;
            }
        };
    }
}
