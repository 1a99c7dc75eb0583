package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.ci.CiContext;
import io.shipwatch.ci.RepositoryUrl;
import io.shipwatch.core.Problems;
import io.shipwatch.markers.DeploymentStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags that describe a new deployment, shared by {@code deploy start} and {@code deploy mark}. What is not
 * given comes from the CI's environment ({@link CiContext}).
 */
final class DeploymentOptions {
    /** The help text that documents {@link #defaultKey}; the commands show it as their footer. */
    static final String KEY_HELP = "%nIdempotency: in CI, unless --idempotency-key is given, the key is "
            + "<provider>:<repository>:<run id>:<run attempt>:<service>:<env>:<version>:<subcommand>. A step "
            + "retried within the same run attempt therefore gets the deployment recorded the first time instead "
            + "of a duplicate, while re-running the pipeline (a new attempt) records a new one. Outside CI, or when "
            + "the CI names no run, no key is sent.";

    /** The body of {@code POST /api/v1/deployments}; null fields are left out of the JSON. */
    record NewDeployment(
            String service,
            String environment,
            String version,
            DeploymentStatus status,
            Instant startedAt,
            Instant finishedAt,
            String commitSha,
            String repositoryUrl,
            String pipelineRunId,
            String pipelineRunUrl,
            String actor,
            String description,
            Map<String, String> tags,
            String idempotencyKey,
            String kind,
            String fixes,
            List<GitLog.CommitLine> commits) {
    }

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "Service deployed, e.g. checkout.")
    String service;

    @Option(names = "--env", required = true, paramLabel = "NAME", description = "Environment deployed to, e.g. production.")
    String environment;

    @Option(names = "--version", required = true, paramLabel = "VERSION",
            description = "Version deployed: a release tag, build number or image digest.")
    String version;

    @Option(names = "--commit", paramLabel = "SHA", description = "Commit deployed. Default: the CI's commit.")
    String commit;

    @Option(names = "--repo", paramLabel = "URL", description = "Repository URL. Default: the CI's repository.")
    String repository;

    @Option(names = "--run-id", paramLabel = "ID", description = "Pipeline run that deploys. Default: the CI's run id.")
    String runId;

    @Option(names = "--run-url", paramLabel = "URL", description = "Link to that run. Default: the CI's run URL.")
    String runUrl;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who deploys. Default: the user the CI names.")
    String actor;

    @Option(names = "--description", paramLabel = "TEXT", description = "Free text shown with the marker.")
    String description;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag on the deployment; repeat for more.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Key that makes a repeated call return the first deployment. Default in CI: see below.")
    String idempotencyKey;

    @Option(names = "--kind", paramLabel = "KIND", description = "deploy (the default) or rollback: a rollback puts "
            + "an earlier version back; DORA does not count it as a deployment.")
    String kind;

    @Option(names = "--fixes", paramLabel = "ID", description = "Id of an earlier deployment this one repairs (a "
            + "hotfix or revert); DORA counts that one as a change failure.")
    String fixes;

    @Option(names = "--commits-from-git", description = "Send the commits since the previous successful deployment "
            + "of this service and environment: 'git log PREVIOUS..COMMIT --no-merges' in --repo-dir. A first "
            + "deployment sends none.")
    boolean commitsFromGit;

    @Option(names = "--repo-dir", paramLabel = "DIR", defaultValue = ".",
            description = "The working copy for --commits-from-git. Default: the current directory.")
    Path repoDir;

    @Option(names = "--path", paramLabel = "PATH", description = "With --commits-from-git: only commits touching "
            + "this path (repeat; for a service in a monorepo).")
    List<String> paths = new ArrayList<>();

    /** Adds a problem for each flag given with an unusable value. */
    void validate(Problems problems) {
        requireText(problems, "--service", service, "checkout");
        requireText(problems, "--env", environment, "production");
        requireText(problems, "--version", version, "1.4.2");
        if (repository != null && RepositoryUrl.normalize(repository) == null) {
            problems.add("--repo", "'" + repository + "' is not a repository URL",
                    "use a URL such as https://github.com/owner/repo or git@github.com:owner/repo.git");
        }
        if (runUrl != null && !runUrl.matches("https?://\\S+")) {
            problems.add("--run-url", "'" + runUrl + "' is not an http(s) URL", "use the address of the run's page");
        }
        tags.keySet().stream().filter(String::isBlank).findFirst().ifPresent(k ->
                problems.add("--tag", "a tag has an empty key", "use KEY=VALUE, e.g. --tag team=payments"));
        if (kind != null && !kind.equals("deploy") && !kind.equals("rollback")) {
            problems.add("--kind", "unknown kind '" + kind + "'", "use deploy or rollback");
        }
        if (!paths.isEmpty() && !commitsFromGit) {
            problems.add("--path", "only applies with --commits-from-git", "add --commits-from-git or leave --path out");
        }
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            problems.add("--idempotency-key", "the key is empty", "leave the flag out to use the default");
        }
    }

    /** The request for this deployment; call after {@link #validate} found nothing wrong. */
    NewDeployment request(CiContext ci, DeploymentStatus status, Instant startedAt, Instant finishedAt, String subcommand,
                          ApiClient client) throws ApiException {
        String repo = repository != null ? RepositoryUrl.normalize(repository) : ci.repositoryUrl();
        String run = runId != null ? runId : ci.runId();
        return new NewDeployment(service.trim(), environment.trim(), version.trim(), status, startedAt, finishedAt,
                commit != null ? commit : ci.commitSha(),
                repo,
                run,
                runUrl != null ? runUrl : ci.runUrl(),
                actor != null ? actor : ci.actor(),
                description,
                tags.isEmpty() ? null : tags,
                idempotencyKey != null ? idempotencyKey : defaultKey(ci, repo, run, subcommand),
                kind, fixes, commitsFromGit ? gitCommits(client, commit != null ? commit : ci.commitSha()) : null);
    }

    /**
     * The commits since the previous successful deployment of this service and environment (asked of the server);
     * none for a first deployment, so it is never credited with the repository's whole history.
     */
    private List<GitLog.CommitLine> gitCommits(ApiClient client, String head) throws ApiException {
        JsonNode items = client.get("/api/v1/deployments?limit=100&service=" + encode(service.trim())
                + "&environment=" + encode(environment.trim())).path("items");
        for (JsonNode d : items) {
            boolean rollback = "rollback".equals(d.path("kind").asText());
            if ("succeeded".equals(d.path("status").asText()) && !rollback && d.path("commitSha").isTextual()) {
                return GitLog.between(repoDir, d.get("commitSha").asText(), head == null ? "HEAD" : head, paths);
            }
        }
        return List.of();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * In CI, one key per run attempt, deployment and subcommand: a step retried within the same attempt gets the
     * deployment recorded the first time, while re-running the workflow (a new attempt) records a new one. Outside
     * CI, or when the CI names no run, there is nothing stable to build a key from, so none is sent.
     */
    private String defaultKey(CiContext ci, String repo, String run, String subcommand) {
        if (!ci.inCi() || run == null) {
            return null;
        }
        return String.join(":", ci.provider(), orEmpty(repo), run, orEmpty(ci.runAttempt()),
                service.trim(), environment.trim(), version.trim(), subcommand);
    }

    private static void requireText(Problems problems, String where, String value, String example) {
        if (value != null && value.isBlank()) {
            problems.add(where, "the value is empty", "give one such as " + example);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
