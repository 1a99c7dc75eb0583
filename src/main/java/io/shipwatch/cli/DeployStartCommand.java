package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch deploy start}: records that a deployment began now; prints its id for {@code deploy finish}. */
@Command(name = "start",
        description = {"Record that a deployment starts now. Prints the new deployment's id alone on stdout and, in "
                + "GitHub Actions, sets the step output deployment-id. Commit, repository, run and actor come from "
                + "the CI's environment unless given."},
        footer = DeploymentOptions.KEY_HELP)
final class DeployStartCommand implements Callable<Integer> {

    @ParentCommand
    DeployCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Mixin
    DeploymentOptions deployment = new DeploymentOptions();

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    public Integer call() throws ApiException {
        Problems problems = new Problems();
        deployment.validate(problems);
        GitHubOutput gitHubOutput = GitHubOutput.of(parent.env());
        gitHubOutput.check(problems);
        ApiClient client = server.client(parent.env(), problems);
        problems.throwIfAny();

        Instant now = parent.now();
        var request = deployment.request(parent.ci(), DeploymentStatus.STARTED, now, null, "start", client);
        String id = parent.printId(client.post(DeployCommand.DEPLOYMENTS, request), client, spec);
        DeployCommand.setOutput(gitHubOutput, id);
        return ExitCode.OK;
    }
}
