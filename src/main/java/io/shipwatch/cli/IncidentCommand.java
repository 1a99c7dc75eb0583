package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch incident open|resolve}: records incidents for time to restore and change failures. */
@Command(name = "incident",
        description = "Record incidents on the Shipwatch server: open one when service breaks, resolve it when restored.",
        subcommands = {IncidentCommand.Open.class, IncidentCommand.Resolve.class})
public final class IncidentCommand implements Callable<Integer> {
    static final String INCIDENTS = "/api/v1/incidents";

    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public IncidentCommand() {
        this(System.getenv());
    }

    public IncidentCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A ready-to-run {@code incident} command line writing to {@code out} and {@code err}, failures on one line. */
    public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        return ParentCommands.commandLine(new IncidentCommand(env), out, err);
    }

    @Override
    public Integer call() {
        throw ParentCommands.missingSubcommand(spec);
    }

    /** The body of {@code POST /api/v1/incidents}. */
    record NewIncident(String service, String environment, String title, String severity, Instant openedAt,
                       String deploymentId) {
    }

    /** The body of {@code PATCH /api/v1/incidents/{id}}. */
    record Resolution(Instant resolvedAt) {
    }

    /** {@code shipwatch incident open}. */
    @Command(name = "open", description = "Record that an incident opened (now, or at --opened-at). Prints its id.")
    static final class Open implements Callable<Integer> {
        @ParentCommand
        IncidentCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help = new HelpOption();

        @Option(names = "--service", required = true, paramLabel = "NAME", description = "Service affected.")
        String service;

        @Option(names = "--env", required = true, paramLabel = "NAME", description = "Environment affected.")
        String environment;

        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "What is broken.")
        String title;

        @Option(names = "--severity", paramLabel = "TEXT", description = "Severity, e.g. sev1.")
        String severity;

        @Option(names = "--deployment", paramLabel = "ID", description = "The deployment that caused it, if known.")
        String deployment;

        @Option(names = "--opened-at", paramLabel = "TIME", description = "RFC 3339 time it opened. Default: now.")
        String openedAt;

        @Mixin
        ServerOptions server = new ServerOptions();

        @Override
        public Integer call() throws ApiException {
            Problems problems = new Problems();
            Instant opened = openedAt == null ? null : DeployCommand.instant(openedAt, "--opened-at", problems);
            ApiClient client = server.client(parent.env, problems);
            problems.throwIfAny();
            var answer = client.post(INCIDENTS, new NewIncident(service, environment, title, severity, opened, deployment));
            return printId(answer.path("id").asText(), spec);
        }
    }

    /** {@code shipwatch incident resolve}. */
    @Command(name = "resolve", description = "Record that an incident was resolved (now, or at --resolved-at).")
    static final class Resolve implements Callable<Integer> {
        @ParentCommand
        IncidentCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help = new HelpOption();

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The id 'incident open' printed.")
        String id;

        @Option(names = "--resolved-at", paramLabel = "TIME", description = "RFC 3339 time it was resolved. Default: now.")
        String resolvedAt;

        @Mixin
        ServerOptions server = new ServerOptions();

        @Override
        public Integer call() throws ApiException {
            Problems problems = new Problems();
            if (id.isBlank()) {
                problems.add("--id", "the value is empty", "pass the id 'shipwatch incident open' printed");
            }
            Instant resolved = resolvedAt == null ? null : DeployCommand.instant(resolvedAt, "--resolved-at", problems);
            ApiClient client = server.client(parent.env, problems);
            problems.throwIfAny();
            String path = INCIDENTS + "/" + URLEncoder.encode(id.trim(), StandardCharsets.UTF_8).replace("+", "%20");
            var answer = client.patch(path, new Resolution(resolved));
            return printId(answer.path("id").asText(), spec);
        }
    }

    private static int printId(String id, CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(id);
        out.flush();
        return ExitCode.OK;
    }
}
