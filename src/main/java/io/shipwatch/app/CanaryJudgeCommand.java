package io.shipwatch.app;

import io.shipwatch.cli.ApiClient;
import io.shipwatch.cli.ApiException;
import io.shipwatch.cli.CanaryReports;
import io.shipwatch.cli.ExitCode;
import io.shipwatch.cli.HelpOption;
import io.shipwatch.cli.ServerOptions;
import io.shipwatch.cli.SpecOptions;
import io.shipwatch.cli.WindowOptions;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.gate.CanaryAnalysis;
import io.shipwatch.gate.CanaryJudge;
import io.shipwatch.gate.CanaryJudgement;
import io.shipwatch.gate.CanarySpec;
import io.shipwatch.gate.CanarySpecParser;
import java.io.PrintWriter;
import java.time.Clock;
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

    @Mixin
    SpecOptions specOptions = new SpecOptions();

    @Mixin
    WindowOptions window = new WindowOptions();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or markdown. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--deployment-id", paramLabel = "ID", description = "With a server (--server or SHIPWATCH_SERVER): "
            + "the deployment marker this judgement is about; the web page lists it under that deployment.")
    String deploymentId;

    @Mixin
    ServerOptions server = new ServerOptions();

    private final Clock clock = Clock.systemUTC();

    private final Map<String, String> env;

    CanaryJudgeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws ApiException {
        if (!CanaryReports.FORMATS.contains(output)) {
            throw new InputException("--output", "unknown format '" + output + "'",
                    "use one of " + String.join(", ", CanaryReports.FORMATS));
        }
        CanarySpec canary = CanarySpecParser.parse(SpecFiles.read(specOptions.required("a canary spec (YAML)"), "--spec", "a canary spec (YAML)"),
                specOptions.file.toString(), specOptions.vars);
        if (deploymentId != null && !server.named(env)) {
            throw new InputException("--deployment-id", "needs a server to store the analysis",
                    "give --server URL or set SHIPWATCH_SERVER");
        }
        ApiClient client = null;
        if (server.named(env)) {
            Problems problems = new Problems();
            client = server.client(env, problems);
            problems.throwIfAny();
        }
        CanaryJudge judge = new CanaryJudge(MetricsProviders.forSpec(canary.provider(), env));
        CanaryJudgement j = judge.judge(canary, window.resolve(canary.window(), clock.instant()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(CanaryReports.render(j, output));
        out.flush();
        if (client != null) {
            CanaryAnalysesClient.save(client, CanaryAnalysis.ofJudgement(null, canary, j, deploymentId));
        }
        return switch (j.decision()) {
            case PROMOTE -> ExitCode.OK;
            case ROLLBACK -> ExitCode.REFUSED;
            case INCONCLUSIVE -> ExitCode.UNREACHABLE;
        };
    }
}
