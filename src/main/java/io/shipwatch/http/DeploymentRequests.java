package io.shipwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentChange;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns the JSON bodies of {@code POST} and {@code PATCH /api/v1/deployments} into domain values. */
final class DeploymentRequests {
    private static final Set<String> CREATE_FIELDS = new LinkedHashSet<>(List.of("service", "environment", "version",
            "status", "startedAt", "finishedAt", "commitSha", "repositoryUrl", "commits", "pipelineRunId",
            "pipelineRunUrl", "actor", "description", "tags", "idempotencyKey", "kind", "fixes"));
    private static final Set<String> CHANGE_FIELDS = new LinkedHashSet<>(List.of("status", "finishedAt", "description"));

    private DeploymentRequests() {
    }

    /** A draft for {@code MarkerService.record}; {@code headerKey} is the Idempotency-Key header, if sent. */
    static Deployment draft(JsonNode body, String headerKey) {
        Problems problems = new Problems();
        JsonFields f = object(body, problems);
        f.onlyKnown(CREATE_FIELDS);
        DeploymentStatus status = status(f, problems);
        List<Commit> commits = commits(f.array("commits"), problems);
        String key = f.text("idempotencyKey");
        Deployment draft = new Deployment(null, f.text("service"), f.text("environment"), f.text("version"), status,
                f.time("startedAt"), f.time("finishedAt"), f.text("commitSha"), f.text("repositoryUrl"), commits,
                f.text("pipelineRunId"), f.text("pipelineRunUrl"), f.text("actor"), f.text("description"),
                f.stringMap("tags"), key != null ? key : headerKey, null, null, kind(f, problems), f.text("fixes"));
        problems.throwIfAny();
        return draft;
    }

    static DeploymentChange change(JsonNode body) {
        Problems problems = new Problems();
        JsonFields f = object(body, problems);
        f.onlyKnown(CHANGE_FIELDS);
        DeploymentChange change = new DeploymentChange(status(f, problems), f.time("finishedAt"), f.text("description"));
        problems.throwIfAny();
        return change;
    }

    private static JsonFields object(JsonNode body, Problems problems) {
        if (body == null || !body.isObject()) {
            throw new InputException("body", "expected a JSON object, got " + (body == null ? "nothing"
                    : JsonFields.kind(body)), "send {\"service\": …, \"environment\": …, \"version\": …}");
        }
        return new JsonFields(body, "", problems);
    }

    private static DeploymentStatus status(JsonFields f, Problems problems) {
        String text = f.text("status");
        if (text == null) {
            return null;
        }
        try {
            return DeploymentStatus.parse(text, "status");
        } catch (InputException e) {
            e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
            return null;
        }
    }

    private static DeploymentKind kind(JsonFields f, Problems problems) {
        String text = f.text("kind");
        if (text == null) {
            return null;
        }
        try {
            return DeploymentKind.parse(text, "kind");
        } catch (InputException e) {
            e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
            return null;
        }
    }

    private static List<Commit> commits(JsonNode array, Problems problems) {
        List<Commit> commits = new ArrayList<>();
        if (array == null) {
            return commits;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String at = "commits[" + i + "]";
            if (item.isTextual()) {
                commits.add(new Commit(item.textValue(), null));
            } else if (item.isObject()) {
                JsonFields c = new JsonFields(item, at + ".", problems);
                c.onlyKnown(new LinkedHashSet<>(List.of("sha", "committedAt", "authoredAt", "message")));
                Instant committedAt = c.time("committedAt");
                commits.add(new Commit(c.text("sha"), committedAt, c.time("authoredAt"), c.text("message")));
            } else {
                problems.add(at, "expected {\"sha\": …, \"committedAt\": …} or a sha string, got "
                        + JsonFields.kind(item), null);
            }
        }
        return commits;
    }
}
