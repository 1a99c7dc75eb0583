package io.shipwatch.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a GitLab CI pipeline and its jobs (the REST API's answers) into one trace: the pipeline span, and per job a
 * span from when it became pending to when it finished, with a {@code queued} child for its {@code queued_duration}
 * (waiting for a runner). A later stage's wait for the earlier ones is neither: GitLab creates every job with the
 * pipeline. Ids are {@link TraceIds}' (provider gitlab, project URL, pipeline id; job id), the same the live wrapper
 * derives from CI_PROJECT_URL, CI_PIPELINE_ID and CI_JOB_ID. Jobs that never ran (manual, skipped) are kept as
 * zero-length spans with result {@code skip}.
 */
public final class GitLabPipelineParser {
    private static final long NANOS = 1_000_000_000L;

    private GitLabPipelineParser() {
    }

    public static List<PipelineSpan> parse(JsonSource pipeline, List<JsonSource> jobPages) {
        JsonNode p = pipeline.root();
        String id = pipeline.text(p, "id", "");
        String webUrl = pipeline.text(p, "web_url", "");
        int cut = webUrl.indexOf("/-/pipelines/");
        if (cut < 0) {
            throw new InputException(pipeline.name() + ": web_url", "'" + webUrl + "' is not a pipeline's page",
                    "save GET /projects/:id/pipelines/:pipeline_id unchanged");
        }
        String project = webUrl.substring(0, cut);
        String traceId = TraceIds.traceId("gitlab", project, id, null);
        String runSpan = TraceIds.runSpanId(traceId);
        Long created = pipeline.time(p, "created_at", "");
        Long started = pipeline.time(p, "started_at", "");
        long start = created != null ? created : started != null ? started : 0;
        if (start == 0) {
            throw new InputException(pipeline.name() + ": created_at", "is missing", "save the API's whole answer");
        }
        List<PipelineSpan> spans = new ArrayList<>();
        long end = start;
        for (JsonSource page : jobPages) {
            if (!page.root().isArray()) {
                throw new InputException(page.name() + ":1", "is not a JSON array of jobs",
                        "save GET /projects/:id/pipelines/:pipeline_id/jobs unchanged");
            }
            for (int i = 0; i < page.root().size(); i++) {
                samePipeline(pipeline, id, page, page.root().get(i), "[" + i + "].");
                end = Math.max(end, job(page, page.root().get(i), "[" + i + "].", traceId, runSpan, start, spans));
            }
        }
        Long finished = pipeline.time(p, "finished_at", "");
        end = Math.max(end, finished != null ? finished : end);
        String status = JsonSource.optional(p, "status");
        Map<String, Object> a = new LinkedHashMap<>();
        String name = JsonSource.optional(p, "name");
        a.put("cicd.pipeline.name", name != null ? name : project.substring(project.lastIndexOf('/') + 1));
        a.put("cicd.pipeline.run.id", id);
        a.put("cicd.pipeline.run.url.full", webUrl);
        put(a, "cicd.pipeline.result", result(status));
        a.put("vcs.repository.url.full", project);
        put(a, "vcs.ref.head.name", JsonSource.optional(p, "ref"));
        put(a, "vcs.ref.head.revision", JsonSource.optional(p, "sha"));
        a.put("shipwatch.ci.provider", "gitlab");
        JsonNode queued = p.path("queued_duration");
        if (queued.isNumber()) {
            a.put("shipwatch.queue.ms", (long) (queued.asDouble() * 1000));
        }
        spans.add(0, new PipelineSpan(traceId, runSpan, null, String.valueOf(a.get("cicd.pipeline.name")), start, end,
                status(status), message(status, JsonSource.optional(p, "failure_reason")), a, null));
        return spans;
    }

    /** A job saved from another pipeline would hang under the wrong trace: refused, naming both files. */
    private static void samePipeline(JsonSource pipeline, String id, JsonSource page, JsonNode job, String path) {
        String jobPipeline = JsonSource.optional(job.path("pipeline"), "id");
        if (jobPipeline != null && !jobPipeline.equals(id)) {
            throw new InputException(page.name() + ": " + path + "pipeline.id", "is job " + JsonSource.optional(job, "id")
                    + " of pipeline " + jobPipeline + ", but " + pipeline.name() + " is pipeline " + id,
                    "pass the jobs of the same pipeline: GET /projects/:id/pipelines/" + id + "/jobs");
        }
    }

    private static long job(JsonSource src, JsonNode job, String path, String traceId, String runSpan, long runStart,
                            List<PipelineSpan> out) {
        String jobId = src.text(job, "id", path);
        String name = src.text(job, "name", path);
        String status = JsonSource.optional(job, "status");
        Long created = src.time(job, "created_at", path);
        Long started = src.time(job, "started_at", path);
        Long finished = src.time(job, "finished_at", path);
        long queuedNanos = job.path("queued_duration").isNumber() ? (long) (job.path("queued_duration").asDouble() * NANOS) : 0;
        long floor = created != null ? created : runStart;
        long start = started != null ? Math.max(floor, started - queuedNanos) : floor;
        long end = Math.max(start, finished != null ? finished : started != null ? started : start);
        String jobSpan = TraceIds.spanId(traceId, "job", jobId);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("cicd.pipeline.task.name", name);
        a.put("cicd.pipeline.task.run.id", jobId);
        put(a, "cicd.pipeline.task.run.url.full", JsonSource.optional(job, "web_url"));
        put(a, "cicd.pipeline.task.run.result", result(status));
        put(a, "cicd.worker.name", JsonSource.optional(job.path("runner"), "description"));
        put(a, "shipwatch.stage", JsonSource.optional(job, "stage"));
        if (started != null) {
            a.put("shipwatch.queue.ms", (started - start) / 1_000_000);
        }
        out.add(new PipelineSpan(traceId, jobSpan, runSpan, name, start, end, status(status),
                message(status, JsonSource.optional(job, "failure_reason")), a, null));
        if (started != null && started > start) {
            out.add(new PipelineSpan(traceId, TraceIds.spanId(traceId, "queue", jobId), jobSpan, "queued", start,
                    Math.min(started, end), SpanStatus.UNSET, null, Map.of(GitHubActionsRunParser.SPAN_TYPE, "queue"), null));
        }
        return end;
    }

    /** GitLab's status as the CI/CD conventions' result; null while the pipeline or job is still going. */
    static String result(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "success" -> "success";
            case "failed" -> "failure";
            case "canceled", "canceling" -> "cancellation";
            case "skipped", "manual", "scheduled" -> "skip";
            default -> null; // created, waiting_for_resource, preparing, pending, running
        };
    }

    private static SpanStatus status(String status) {
        String result = result(status);
        if (result == null || result.equals("skip")) {
            return SpanStatus.UNSET;
        }
        return result.equals("success") ? SpanStatus.OK : SpanStatus.ERROR;
    }

    private static String message(String status, String failureReason) {
        if (status(status) != SpanStatus.ERROR) {
            return null;
        }
        return failureReason == null ? "status: " + status : "status: " + status + " (" + failureReason + ")";
    }

    private static void put(Map<String, Object> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
