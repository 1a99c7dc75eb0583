package io.shipwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.dora.ChangeFailureSource;
import io.shipwatch.dora.FailedCheck;
import io.shipwatch.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a DORA scenario on a running server through its public API, as CI and on-call tools would: deployments,
 * incidents, and (for squash merges) a signed GitHub push and pull_request webhook. Failed checks go to
 * {@link #failures()}, the test's own {@link ChangeFailureSource}, once the deployment ids are known.
 */
public final class ScenarioLoader {
    /** The GitHub webhook secret the scenario servers are configured with. */
    public static final String GITHUB_SECRET = "scenario-webhook-secret-0123456789";

    private final Map<String, List<FailedCheck>> checks = new HashMap<>();

    /** The failed gates and canaries recorded so far, as the server's change failure source. */
    public ChangeFailureSource failures() {
        return (Collection<String> ids) -> ids.stream().flatMap(id -> checks.getOrDefault(id, List.of()).stream()).toList();
    }

    /** Records {@code scenario} on the server at {@code base}; returns the scenario's names mapped to the real ids. */
    public Map<String, String> load(String base, JsonNode scenario) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode p : scenario.path("pullRequests")) {
            pullRequest(base, p);
        }
        for (JsonNode d : scenario.get("deployments")) {
            ObjectNode body = d.deepCopy();
            String name = body.remove("name").asText();
            if (body.has("fixes")) {
                body.put("fixes", ids.get(body.get("fixes").asText()));
            }
            Instant finished = Instant.parse(d.get("finishedAt").asText());
            body.put("startedAt", finished.minusSeconds(600).toString());
            Http.Response r = Http.post(base + "/api/v1/deployments", Json.write(body));
            require(r, 201, "deployment " + name);
            ids.put(name, r.json().get("id").asText());
        }
        for (JsonNode i : scenario.path("incidents")) {
            ObjectNode body = i.deepCopy();
            String name = body.remove("name").asText();
            JsonNode deployment = body.remove("deployment");
            if (deployment != null) {
                body.put("deploymentId", ids.get(deployment.asText()));
            }
            Http.Response r = Http.post(base + "/api/v1/incidents", Json.write(body));
            require(r, 201, "incident " + name);
            ids.put(name, r.json().get("id").asText());
        }
        for (JsonNode c : scenario.path("failedChecks")) {
            String id = ids.get(c.get("deployment").asText());
            checks.computeIfAbsent(id, k -> new ArrayList<>()).add(new FailedCheck(id, c.get("kind").asText(),
                    c.get("name").asText(), Instant.parse(c.get("failedAt").asText()), c.path("detail").asText(null)));
        }
        return ids;
    }

    /** The branch's first commit arrives in a push; the merge closes the pull request with its squash commit. */
    private static void pullRequest(String base, JsonNode p) {
        String repo = p.get("repository").asText();
        ObjectNode push = Json.mapper().createObjectNode();
        push.put("ref", "refs/heads/" + p.get("headRef").asText());
        push.put("before", "0000000000000000000000000000000000000000");
        push.put("after", "b1" + p.get("number").asText());
        ArrayNode commits = push.putArray("commits");
        ObjectNode first = commits.addObject();
        first.put("id", "b1" + p.get("number").asText());
        first.put("message", "Start " + p.get("title").asText());
        first.put("timestamp", p.get("firstCommitAt").asText());
        first.putArray("added").add("src/search.txt");
        first.putArray("removed");
        first.putArray("modified");
        push.putObject("repository").put("html_url", repo);
        GitHubHooks.deliver(base, "push", push, GITHUB_SECRET, "push-" + p.get("number").asText());

        ObjectNode pr = Json.mapper().createObjectNode();
        pr.put("action", "closed");
        pr.put("number", p.get("number").asInt());
        ObjectNode body = pr.putObject("pull_request");
        body.put("number", p.get("number").asInt());
        body.put("title", p.get("title").asText());
        body.put("merged", true);
        body.put("merge_commit_sha", p.get("mergeCommitSha").asText());
        body.put("created_at", p.get("createdAt").asText());
        body.put("merged_at", p.get("mergedAt").asText());
        body.putObject("head").put("ref", p.get("headRef").asText());
        pr.putObject("repository").put("html_url", repo);
        GitHubHooks.deliver(base, "pull_request", pr, GITHUB_SECRET, "pr-" + p.get("number").asText());
    }

    private static void require(Http.Response r, int status, String what) {
        if (r.status() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + r.status() + " " + r.body());
        }
    }
}
