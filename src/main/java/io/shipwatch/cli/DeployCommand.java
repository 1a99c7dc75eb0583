package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.ci.CiContext;
import io.shipwatch.ci.CiEnvironment;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.core.Times;
import io.shipwatch.markers.DeploymentStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code shipwatch deploy}: records deployments on the Shipwatch server from a CI job or a terminal. Holds what its
 * subcommands share: the environment and clock they read (injected, so tests do not see the real ones), the CI
 * context, and how a new deployment's id is reported.
 */
@Command(name = "deploy",
        description = "Record deployments on the Shipwatch server: start one and finish it later, or mark a finished one.",
        subcommands = {DeployStartCommand.class, DeployFinishCommand.class, DeployMarkCommand.class})
public final class DeployCommand implements Callable<Integer> {
    static final String DEPLOYMENTS = "/api/v1/deployments";

    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    /** The command as the shipped CLI runs it: the process environment and the system clock. */
    public DeployCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    public DeployCommand(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /**
     * A ready-to-run {@code deploy} command line writing to {@code out} and {@code err}, with failures reported as one
     * line and an {@link ExitCode} by {@link OneLineErrorHandler}. Call {@code execute(args)} on it.
     */
    public static CommandLine commandLine(Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
        return ParentCommands.commandLine(new DeployCommand(env, clock), out, err);
    }

    @Override
    public Integer call() {
        throw ParentCommands.missingSubcommand(spec);
    }

    Map<String, String> env() {
        return env;
    }

    /** Now, to the millisecond: finer digits would only be noise on a marker. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    CiContext ci() {
        return CiEnvironment.detect(env);
    }

    /** Prints the id of the deployment the server answered with, alone on stdout, and returns it. */
    String printId(JsonNode deployment, ApiClient client, CommandSpec command) throws ApiException {
        JsonNode id = deployment.path("id");
        // one printable token: scripts capture it, and GITHUB_OUTPUT would read a second line as another output
        if (!(id.isTextual() || id.isIntegralNumber()) || !id.asText().matches("\\p{Graph}+")) {
            throw new ApiException(ExitCode.REFUSED, "server " + client.server()
                    + " answered without a usable deployment 'id'; is --server a Shipwatch server?");
        }
        PrintWriter out = command.commandLine().getOut();
        out.println(id.asText());
        out.flush();
        return id.asText();
    }

    /** Sets the step output {@code deployment-id} in GitHub Actions; does nothing elsewhere. */
    static void setOutput(GitHubOutput gitHubOutput, String id) {
        try {
            gitHubOutput.append("deployment-id", id);
        } catch (IOException e) {
            throw new InputException(GitHubOutput.VARIABLE, "cannot append to '" + gitHubOutput.path() + "' ("
                    + e.getMessage() + ")", "deployment " + id + " was recorded; pass the id printed above on yourself");
        }
    }

    /** A status that ends a deployment, named on {@code --status}. */
    static DeploymentStatus finishedStatus(String text, Problems problems) {
        String known = Arrays.stream(DeploymentStatus.values()).filter(DeploymentStatus::isFinished)
                .map(DeploymentStatus::wireName).collect(Collectors.joining(", "));
        for (DeploymentStatus status : DeploymentStatus.values()) {
            if (status.wireName().equals(text)) {
                if (status.isFinished()) {
                    return status;
                }
                problems.add("--status", "'" + text + "' does not finish a deployment", "use one of " + known
                        + ", or 'shipwatch deploy start' to begin one");
                return null;
            }
        }
        problems.add("--status", "unknown status '" + text + "'", "use one of " + known);
        return null;
    }

    /** An RFC 3339 time given on {@code where}, or null (with a problem added) when it does not parse. */
    static Instant instant(String text, String where, Problems problems) {
        try {
            return Times.parseInstant(text, where);
        } catch (InputException e) {
            e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
            return null;
        }
    }
}
