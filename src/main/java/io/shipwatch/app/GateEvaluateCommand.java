package io.shipwatch.app;

import io.shipwatch.cli.ApiClient;
import io.shipwatch.cli.ApiException;
import io.shipwatch.cli.ExitCode;
import io.shipwatch.cli.GateReports;
import io.shipwatch.cli.HelpOption;
import io.shipwatch.cli.ServerOptions;
import io.shipwatch.cli.SpecOptions;
import io.shipwatch.cli.WindowOptions;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.BaselineSource;
import io.shipwatch.gate.GateEvaluator;
import io.shipwatch.gate.GateSpec;
import io.shipwatch.gate.GateSpecParser;
import io.shipwatch.gate.GateVerdict;
import io.shipwatch.gate.PreviousResults;
import io.shipwatch.providers.MetricsProvider;
import java.io.PrintWriter;
import java.time.Clock;
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

    @Mixin
    SpecOptions specOptions = new SpecOptions();

    @Mixin
    WindowOptions window = new WindowOptions();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json, junit or markdown. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--fail-on-warning", description = "Exit 1 on a warning too.")
    boolean failOnWarning;

    @Mixin
    ServerOptions server = new ServerOptions();

    private final Map<String, String> env;
    private final Clock clock;

    GateEvaluateCommand(Map<String, String> env) {
        this.env = env;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Integer call() throws ApiException {
        if (!GateReports.FORMATS.contains(output)) {
            throw new InputException("--output", "unknown format '" + output + "'",
                    "use one of " + String.join(", ", GateReports.FORMATS));
        }
        String file = specOptions.file.toString();
        GateSpec gate = GateSpecParser.parse(SpecFiles.read(specOptions.file, "--spec", "a gate spec (YAML)"), file,
                specOptions.vars);
        MetricsProvider provider = MetricsProviders.forSpec(gate.provider());
        TimeWindow w = window.resolve(gate.window(), clock.instant());
        GateResultsClient results = null;
        BaselineSource baselines = BaselineSource.NONE;
        if (server.given()) {
            Problems problems = new Problems();
            ApiClient client = server.client(env, problems);
            problems.throwIfAny();
            results = new GateResultsClient(client);
            if (!gate.baseline().pinned()) {
                baselines = new PreviousResults(results.previous(gate), gate.baseline());
            }
        }
        GateVerdict verdict = new GateEvaluator(provider).evaluate(gate, w, baselines);
        PrintWriter out = spec.commandLine().getOut();
        out.print(GateReports.render(verdict, output));
        out.flush();
        if (results != null) {
            results.save(verdict);
        }
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
