package io.shipwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.cli.ApiClient;
import io.shipwatch.cli.ApiException;
import io.shipwatch.cli.ExitCode;
import io.shipwatch.cli.HelpOption;
import io.shipwatch.cli.SpecOptions;
import io.shipwatch.cli.ServerOptions;
import io.shipwatch.core.Problems;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.AnalysisRun;
import io.shipwatch.gate.CanaryAction;
import io.shipwatch.gate.CanaryJudge;
import io.shipwatch.gate.CanaryJudgement;
import io.shipwatch.gate.CanaryRun;
import io.shipwatch.gate.CanaryRunRecord;
import io.shipwatch.gate.CanarySpec;
import io.shipwatch.gate.CanarySpecParser;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shipwatch canary run}: the whole canary release from a spec, with a deployment marker on the Shipwatch
 * server that follows it (started, then succeeded or rolled_back) so it shows on the graphs and in DORA figures.
 */
@Command(name = "run",
        description = {"Run a canary release: the spec's steps (setWeight, pause, analyze) with repeated analyses under "
                + "Argo Rollouts' limits, then promote, or roll back as soon as an analysis fails.",
                "Exit codes: 0 promoted, 1 rolled back after a failed analysis, 2 bad input, 3 rolled back because the "
                        + "analysis was inconclusive or in error, or an action or the server failed."})
final class CanaryRunCommand implements Callable<Integer> {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Mixin
    SpecOptions specOptions = new SpecOptions();

    @Option(names = "--environment", paramLabel = "ENV", description = "Environment of the marker. Default: the "
            + "canary's {{environment}} variable, else production.")
    String environment;

    @Option(names = "--no-markers", description = "Do not record the run as a deployment on the Shipwatch server.")
    boolean noMarkers;

    @Mixin
    ServerOptions server = new ServerOptions();

    private final Map<String, String> env;
    private final Clock clock = Clock.systemUTC();

    CanaryRunCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws ApiException, InterruptedException {
        CanarySpec canary = CanarySpecParser.parse(SpecFiles.read(specOptions.required("a canary spec (YAML)"), "--spec", "a canary spec (YAML)"),
                specOptions.file.toString(), specOptions.vars);
        CanaryJudge judge = new CanaryJudge(MetricsProviders.forSpec(canary.provider(), env));
        Problems problems = new Problems();
        // the analysis goes to the server unless markers are off and no server is named
        ApiClient client = noMarkers && !server.named(env) ? null : server.client(env, problems);
        String version = canary.canaryVars().get("version");
        if (!noMarkers && version == null) {
            problems.add("--spec", specOptions.file + ": the canary has no version variable to name the deployment marker",
                    "add version under canary:, or pass --no-markers");
        }
        problems.throwIfAny();
        PrintWriter out = spec.commandLine().getOut();
        String markerEnvironment = environment != null ? environment
                : canary.canaryVars().getOrDefault("environment", "production");
        Marker marker = client == null || noMarkers ? null : Marker.start(client, canary, version, markerEnvironment);
        CanaryRunRecord record = new CanaryRunRecord(canary);
        Instant startedAt = clock.instant();
        CanaryActions actions = new CanaryActions(canary.name());
        boolean terminal = System.console() != null;
        CanaryRun.Result result = new CanaryRun(canary, new CanaryRun.Ports() {
            @Override
            public CanaryJudgement judge(TimeWindow window) {
                return judge.judge(canary, window);
            }

            @Override
            public String act(String name, CanaryAction action, Map<String, String> values) {
                out.println("action " + name + ": " + CanaryActions.describe(action, values));
                out.flush();
                return actions.run(name, action, values);
            }

            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }

            @Override
            public void progress(CanaryRun.Event event) {
                record.on(event);
                // on a terminal a measurement rewrites its line; elsewhere (CI logs) every line stays
                boolean live = terminal && event.kind().equals("measurement")
                        && event.analysis().phase() == AnalysisRun.Phase.RUNNING;
                out.print((terminal ? "\r\033[K" : "") + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + " " + event.message() + (live ? "" : "\n"));
                out.flush();
                if (marker != null && event.judgement() != null) {
                    marker.note(event.message());
                }
            }
        }).run();
        out.println("canary " + canary.name() + ": " + result.ending().name().toLowerCase(java.util.Locale.ROOT)
                + " - " + result.reason());
        out.flush();
        if (marker != null) {
            marker.finish(result);
        }
        if (client != null) {
            try {
                CanaryAnalysesClient.save(client, record.finish(null, result, markerEnvironment,
                        marker == null ? null : marker.id(), startedAt, clock.instant()));
            } catch (ApiException e) {
                // the release is decided and done; a missing page entry must not turn a promotion into a failure
                PrintWriter err = spec.commandLine().getErr();
                err.println("canary " + canary.name() + ": the analysis was not stored on the server: " + e.getMessage());
                err.flush();
            }
        }
        return switch (result.ending()) {
            case PROMOTED -> ExitCode.OK;
            case ROLLED_BACK -> result.cause() == AnalysisRun.Phase.FAILED ? ExitCode.REFUSED : ExitCode.UNREACHABLE;
            case ACTION_FAILED -> ExitCode.UNREACHABLE;
        };
    }

    /** The deployment marker of one run on the Shipwatch server. */
    private record Marker(ApiClient client, String id) {
        static Marker start(ApiClient client, CanarySpec canary, String version, String environment) throws ApiException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service", canary.service());
            body.put("environment", environment);
            body.put("version", version);
            body.put("status", "started");
            body.put("description", "canary run of " + version + " against " + canary.baselineVars().getOrDefault(
                    "version", "the baseline"));
            body.put("tags", Map.of("shipwatch.canary", canary.name()));
            JsonNode created = client.post("/api/v1/deployments", body);
            return new Marker(client, created.get("id").asText());
        }

        void note(String message) {
            try {
                client.patch("/api/v1/deployments/" + id, Map.of("description", shorten(message)));
            } catch (ApiException e) {
                // a progress note is not worth stopping a release for; the final status is retried below
            }
        }

        void finish(CanaryRun.Result result) throws ApiException {
            String status = switch (result.ending()) {
                case PROMOTED -> "succeeded";
                case ROLLED_BACK -> "rolled_back";
                case ACTION_FAILED -> "failed";
            };
            client.patch("/api/v1/deployments/" + id, Map.of("status", status, "description", shorten(result.reason())));
        }

        private static String shorten(String s) {
            return s.length() > 1000 ? s.substring(0, 997) + "..." : s;
        }
    }
}
