package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import io.shipwatch.markers.DeploymentStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch deploy finish}: records how and when a started deployment ended. */
@Command(name = "finish",
        description = {"Record that a deployment begun with 'deploy start' finished now, or change the status of a "
                + "finished one (--status rolled_back when it is rolled back later). Prints its id.",
                "The server sets the finish time the first time a deployment finishes; a later status change keeps it."})
final class DeployFinishCommand implements Callable<Integer> {

    /** The body of {@code PATCH /api/v1/deployments/{id}}. */
    record FinishDeployment(DeploymentStatus status, Instant finishedAt, String description) {
    }

    @ParentCommand
    DeployCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The id 'deploy start' printed.")
    String id;

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "succeeded",
            description = "How it ended: succeeded, failed or rolled_back. Default: ${DEFAULT-VALUE}.")
    String status;

    @Option(names = "--description", paramLabel = "TEXT", description = "Free text shown with the marker.")
    String description;

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    public Integer call() throws ApiException {
        Problems problems = new Problems();
        if (id.isBlank()) {
            problems.add("--id", "the value is empty", "pass the id 'shipwatch deploy start' printed");
        }
        DeploymentStatus finished = DeployCommand.finishedStatus(status, problems);
        ApiClient client = server.client(parent.env(), problems);
        problems.throwIfAny();

        String path = DeployCommand.DEPLOYMENTS + "/" + URLEncoder.encode(id.trim(), StandardCharsets.UTF_8).replace("+", "%20");
        parent.printId(client.patch(path, new FinishDeployment(finished, null, description)), client, spec);
        return ExitCode.OK;
    }
}
