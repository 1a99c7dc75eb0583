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
import io.shipwatch.gate.KeptnSpecs;
import io.shipwatch.gate.PreviousResults;
import io.shipwatch.providers.MetricsProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--deployment-id", paramLabel = "ID", description = "With a server (--server or SHIPWATCH_SERVER): the deployment marker this "
            + "evaluation judges (as printed by 'deploy start'); a failed gate then counts as a change failure.")
    String deploymentId;

    @Option(names = "--keptn-slo", paramLabel = "FILE", description = "A Keptn slo.yaml to evaluate instead of --spec; "
            + "needs --keptn-sli and --prometheus.")
    Path keptnSlo;

    @Option(names = "--keptn-sli", paramLabel = "FILE", description = "The Keptn sli.yaml with the SLI queries.")
    Path keptnSli;

    @Option(names = "--prometheus", paramLabel = "URL", description = "The Prometheus that Keptn's SLI queries run on.")
    String prometheusUrl;

    @Mixin
    ServerOptions server = new ServerOptions();

    private final Map<String, String> env;
    private final Clock clock;

    GateEvaluateCommand(Map<String, String> env) {
        this.env = env;
        this.clock = Clock.systemUTC();
    }

    private GateSpec spec() {
        if (keptnSlo == null && keptnSli == null) {
            return GateSpecParser.parse(SpecFiles.read(specOptions.required("a gate spec (YAML), or --keptn-slo and "
                    + "--keptn-sli"), "--spec", "a gate spec (YAML)"), specOptions.file.toString(), specOptions.vars);
        }
        if (specOptions.file != null) {
            throw new InputException("--spec", "cannot be combined with --keptn-slo/--keptn-sli",
                    "give either a gate spec or Keptn's files");
        }
        if (keptnSlo == null || keptnSli == null || prometheusUrl == null) {
            String missing = keptnSlo == null ? "--keptn-slo" : keptnSli == null ? "--keptn-sli" : "--prometheus";
            throw new InputException(missing, "is missing", "Keptn's files need --keptn-slo slo.yaml, --keptn-sli "
                    + "sli.yaml and --prometheus URL");
        }
        return keptn(java.time.Duration.ofMinutes(10));
    }

    private GateSpec keptn(java.time.Duration length) {
        return KeptnSpecs.parse(SpecFiles.read(keptnSlo, "--keptn-slo", "a Keptn slo.yaml"), keptnSlo.toString(),
                SpecFiles.read(keptnSli, "--keptn-sli", "a Keptn sli.yaml"), keptnSli.toString(),
                KeptnSpecs.prometheus(prometheusUrl), specOptions.vars, length, stepFor(length));
    }

    /** Keptn asks for one value per SLI; a range query at about 60 points keeps the last one close to the end. */
    private static java.time.Duration stepFor(java.time.Duration length) {
        return java.time.Duration.ofSeconds(Math.max(1, length.toSeconds() / 60));
    }

    @Override
    public Integer call() throws ApiException {
        if (!GateReports.FORMATS.contains(output)) {
            throw new InputException("--output", "unknown format '" + output + "'",
                    "use one of " + String.join(", ", GateReports.FORMATS));
        }
        GateSpec gate = spec();
        MetricsProvider provider = MetricsProviders.forSpec(gate.provider(), env);
        TimeWindow w = window.resolve(gate.window(), clock.instant());
        if (keptnSlo != null) {
            // Keptn's $DURATION_SECONDS is the evaluation window: read the files again with the resolved one
            gate = keptn(w.length());
        }
        GateResultsClient results = null;
        BaselineSource baselines = BaselineSource.NONE;
        if (deploymentId != null && !server.named(env)) {
            throw new InputException("--deployment-id", "needs a server to store the result",
                    "give --server URL or set SHIPWATCH_SERVER");
        }
        if (server.named(env)) {
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
            results.save(verdict, deploymentId);
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
