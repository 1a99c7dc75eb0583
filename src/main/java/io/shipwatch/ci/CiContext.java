package io.shipwatch.ci;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the CI system says about the build this process runs in: the commit, the repository, the pipeline run and
 * the job. Every field is null when unknown; {@code provider} is null outside a known CI (github, gitlab, jenkins,
 * circleci, buildkite, azure). Made by {@link CiEnvironment#detect}; read by {@code shipwatch deploy} and by
 * pipeline tracing, which uses {@link #attributes()}.
 *
 * @param refType {@code branch} or {@code tag}, as OpenTelemetry's {@code vcs.ref.head.type}
 * @param baseRefName the branch a pull/merge request targets
 * @param jobUrl the URL of this job within the run
 */
public record CiContext(
        String provider,
        String commitSha,
        String repositoryUrl,
        String refName,
        String runId,
        String runAttempt,
        String runUrl,
        String pipelineName,
        String jobName,
        String jobId,
        String actor,
        String changeId,
        String workerName,
        String refType,
        String baseRefName,
        String jobUrl) {

    /** Not in a known CI: every field null. */
    public static final CiContext NONE = new CiContext(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    public boolean inCi() {
        return provider != null;
    }

    /**
     * The known fields under their OpenTelemetry CI/CD and VCS semantic-convention names, in a stable order.
     * {@code runAttempt} and {@code actor} have no convention name and are left out.
     */
    public Map<String, String> attributes() {
        Map<String, String> a = new LinkedHashMap<>();
        put(a, "cicd.pipeline.name", pipelineName);
        put(a, "cicd.pipeline.run.id", runId);
        put(a, "cicd.pipeline.run.url.full", runUrl);
        put(a, "cicd.pipeline.task.name", jobName);
        put(a, "cicd.pipeline.task.run.id", jobId);
        put(a, "cicd.pipeline.task.run.url.full", jobUrl);
        put(a, "cicd.worker.name", workerName);
        put(a, "vcs.repository.url.full", repositoryUrl);
        put(a, "vcs.ref.head.name", refName);
        put(a, "vcs.ref.head.revision", commitSha);
        put(a, "vcs.ref.head.type", refType);
        put(a, "vcs.ref.base.name", baseRefName);
        put(a, "vcs.change.id", changeId);
        return a;
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
