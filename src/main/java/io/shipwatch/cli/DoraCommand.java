package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.core.Times;
import io.shipwatch.json.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shipwatch dora report}: the DORA figures from the server as a table, JSON or Markdown. */
@Command(name = "dora", description = "DORA metrics: how often and how safely you ship.",
        subcommands = {DoraCommand.Report.class})
public final class DoraCommand implements Callable<Integer> {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public DoraCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    public DoraCommand(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /** A ready-to-run {@code dora} command line writing to {@code out} and {@code err}, failures on one line. */
    public static CommandLine commandLine(Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
        return ParentCommands.commandLine(new DoraCommand(env, clock), out, err);
    }

    @Override
    public Integer call() {
        throw ParentCommands.missingSubcommand(spec);
    }

    /** {@code shipwatch dora report}. */
    @Command(name = "report", description = {"Print the DORA report: deployment frequency, lead time for changes, "
            + "change failure rate, time to restore and failed deployment recovery time, with their DORA 2023 levels, "
            + "the failed deployments and the slowest changes.", "Default window: the last 30 days."})
    static final class Report implements Callable<Integer> {
        @CommandLine.ParentCommand
        DoraCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help = new HelpOption();

        @Option(names = "--service", paramLabel = "NAME", description = "One service. Default: all.")
        String service;

        @Option(names = "--team", paramLabel = "NAME", description = "The services of one team.")
        String team;

        @Option(names = "--env", paramLabel = "NAME", description = "One production environment. Default: all of them.")
        String environment;

        @Option(names = "--from", paramLabel = "TIME", description = "RFC 3339 start of the window (with --to).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "RFC 3339 end of the window. Default: now.")
        String to;

        @Option(names = "--last", paramLabel = "DURATION", description = "The window ending now, e.g. 30d or 12w.")
        String last;

        @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
                description = "table, json or markdown. Default: ${DEFAULT-VALUE}.")
        String output;

        @Mixin
        ServerOptions server = new ServerOptions();

        @Override
        public Integer call() throws ApiException {
            Problems problems = new Problems();
            if (!output.equals("table") && !output.equals("json") && !output.equals("markdown")) {
                problems.add("--output", "unknown format '" + output + "'", "use table, json or markdown");
            }
            Instant now = parent.clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Instant end = to == null ? now : DeployCommand.instant(to, "--to", problems);
            Instant start = null;
            if (last != null && from != null) {
                problems.add("--last", "cannot be combined with --from", "give either --last or --from/--to");
            } else if (last != null) {
                Duration length = duration(last, problems);
                try {
                    start = length == null || end == null ? null : Times.windowStart(end, length, "--last");
                } catch (InputException e) {
                    e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
                }
            } else if (from != null) {
                start = DeployCommand.instant(from, "--from", problems);
            }
            if (start != null && end != null && start.isAfter(end)) {
                problems.add("--from", start + " is after --to " + end, "swap them");
            }
            ApiClient client = server.client(parent.env, problems);
            problems.throwIfAny();

            Map<String, String> query = new LinkedHashMap<>();
            query.put("service", service);
            query.put("team", team);
            query.put("environment", environment);
            query.put("from", start == null ? null : start.toString());
            query.put("to", end.toString());
            JsonNode report = client.get("/api/v1/dora?" + query.entrySet().stream().filter(e -> e.getValue() != null)
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")));
            PrintWriter out = spec.commandLine().getOut();
            out.print(switch (output) {
                case "json" -> prettyJson(report);
                case "markdown" -> DoraReportText.markdown(report, scope());
                default -> DoraReportText.table(report, scope());
            });
            out.flush();
            return ExitCode.OK;
        }

        private String scope() {
            String who = service != null ? "service " + service : team != null ? "team " + team : "all services";
            return who + ", " + (environment != null ? environment : "production environments");
        }

        private static Duration duration(String text, Problems problems) {
            try {
                return Times.parseDuration(text, "--last");
            } catch (InputException e) {
                e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
                return null;
            }
        }

        private static String prettyJson(JsonNode report) {
            try {
                return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + System.lineSeparator();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
