package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch deploy mark}: records a deployment that has already finished, in one call. */
@Command(name = "mark",
        description = {"Record a finished deployment in one call, for pipelines that only know the outcome. Starts "
                + "and finishes now unless --started-at/--finished-at say otherwise. Prints the deployment's id like "
                + "'deploy start'."},
        footer = DeploymentOptions.KEY_HELP)
final class DeployMarkCommand implements Callable<Integer> {

    @ParentCommand
    DeployCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Mixin
    DeploymentOptions deployment = new DeploymentOptions();

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "succeeded",
            description = "How it ended: succeeded, failed or rolled_back. Default: ${DEFAULT-VALUE}.")
    String status;

    @Option(names = "--started-at", paramLabel = "TIME", description = "RFC 3339 start time. Default: now.")
    String startedAt;

    @Option(names = "--finished-at", paramLabel = "TIME", description = "RFC 3339 finish time. Default: now.")
    String finishedAt;

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    public Integer call() throws ApiException {
        Problems problems = new Problems();
        deployment.validate(problems);
        DeploymentStatus finished = DeployCommand.finishedStatus(status, problems);
        Instant now = parent.now();
        Instant started = startedAt == null ? now : DeployCommand.instant(startedAt, "--started-at", problems);
        Instant ended = finishedAt == null ? now : DeployCommand.instant(finishedAt, "--finished-at", problems);
        if (started != null && ended != null && ended.isBefore(started)) {
            problems.add("--finished-at", ended + " is before the start " + started,
                    "give a finish time at or after --started-at");
        }
        GitHubOutput gitHubOutput = GitHubOutput.of(parent.env());
        gitHubOutput.check(problems);
        ApiClient client = server.client(parent.env(), problems);
        problems.throwIfAny();

        var request = deployment.request(parent.ci(), finished, started, ended, "mark", client);
        String id = parent.printId(client.post(DeployCommand.DEPLOYMENTS, request), client, spec);
        DeployCommand.setOutput(gitHubOutput, id);
        return ExitCode.OK;
    }
}
