package io.shipwatch.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a GitHub Actions workflow run and its jobs (the REST API's answers) into one trace: the run span, a span per
 * job from its creation (queue time included), and under each job a {@code queued} span (created → started), a
 * {@code runner setup} span (job start → first step, which no step covers) and its steps. Ids are
 * {@link TraceIds}' (provider github, repository, run id, attempt; job id; job id and step number), so re-imports
 * land on the same spans and attempt 2 is a new trace linked to attempt 1. Ends before starts (skipped steps) are
 * clamped to the start.
 */
public final class GitHubActionsRunParser {
    /** Marks the spans that are not steps: {@code queue} and {@code setup}. */
    public static final String SPAN_TYPE = "shipwatch.span.type";

    private GitHubActionsRunParser() {
    }

    /** The spans of {@code run} with the jobs of {@code jobs} (one or more pages of the jobs answer). */
    public static List<PipelineSpan> parse(JsonSource run, List<JsonSource> jobs) {
        JsonNode r = run.root();
        String runId = run.text(r, "id", "");
        String attempt = JsonSource.optional(r, "run_attempt") == null ? "1" : JsonSource.optional(r, "run_attempt");
        String repo = repository(run);
        String traceId = TraceIds.traceId("github", repo, runId, attempt);
        String runSpan = TraceIds.runSpanId(traceId);
        String conclusion = JsonSource.optional(r, "conclusion");
        Long runStart = run.time(r, "run_started_at", "") != null ? run.time(r, "run_started_at", "") : run.time(r, "created_at", "");
        if (runStart == null) {
            throw new InputException(run.name() + ": run_started_at", "is missing", "save the API's whole answer");
        }
        List<PipelineSpan> spans = new ArrayList<>();
        long runEnd = runStart;
        for (JsonSource page : jobs) {
            JsonNode list = page.root().path("jobs");
            if (!list.isArray()) {
                throw new InputException(page.name() + ": jobs", "is missing or not an array",
                        "pass the answer of GET .../actions/runs/{id}/attempts/{n}/jobs");
            }
            for (int i = 0; i < list.size(); i++) {
                sameRun(run, runId, attempt, page, list.get(i), "jobs[" + i + "].");
                runEnd = Math.max(runEnd, job(page, list.get(i), "jobs[" + i + "].", traceId, runSpan, runStart, spans));
            }
        }
        Long updated = run.time(r, "updated_at", "");
        if (spans.isEmpty() && updated != null) {
            runEnd = Math.max(runEnd, updated);
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("cicd.pipeline.name", run.text(r, "name", ""));
        a.put("cicd.pipeline.run.id", runId);
        put(a, "cicd.pipeline.run.url.full", JsonSource.optional(r, "html_url"));
        put(a, "cicd.pipeline.result", result(conclusion));
        a.put("vcs.repository.url.full", repo);
        put(a, "vcs.ref.head.name", JsonSource.optional(r, "head_branch"));
        put(a, "vcs.ref.head.revision", JsonSource.optional(r, "head_sha"));
        JsonNode pulls = r.path("pull_requests");
        if (pulls.isArray() && !pulls.isEmpty()) {
            put(a, "vcs.change.id", JsonSource.optional(pulls.get(0), "number"));
        }
        a.put("shipwatch.ci.provider", "github");
        a.put("shipwatch.run.attempt", attempt);
        put(a, "shipwatch.run.number", JsonSource.optional(r, "run_number"));
        List<SpanLink> links = new ArrayList<>();
        if (attempt.matches("\\d{1,9}") && Integer.parseInt(attempt) > 1) {
            String previous = TraceIds.traceId("github", repo, runId, String.valueOf(Integer.parseInt(attempt) - 1));
            links.add(new SpanLink(previous, TraceIds.runSpanId(previous)));
        }
        spans.add(0, new PipelineSpan(traceId, runSpan, null, run.text(r, "name", ""), runStart, runEnd,
                status(conclusion), message(conclusion), a, links));
        return spans;
    }

    /** A job saved from another run (or attempt) would hang under the wrong trace: refused, naming both files. */
    private static void sameRun(JsonSource run, String runId, String attempt, JsonSource page, JsonNode job,
                                String path) {
        String jobRun = JsonSource.optional(job, "run_id");
        String jobAttempt = JsonSource.optional(job, "run_attempt");
        if (jobRun != null && !jobRun.equals(runId) || jobAttempt != null && !jobAttempt.equals(attempt)) {
            throw new InputException(page.name() + ": " + path + (jobRun != null && !jobRun.equals(runId)
                    ? "run_id" : "run_attempt"), "is job " + JsonSource.optional(job, "id") + " of run " + jobRun
                    + " attempt " + (jobAttempt == null ? "?" : jobAttempt) + ", but " + run.name() + " is run " + runId
                    + " attempt " + attempt, "pass the jobs of the same run: GET /repos/{owner}/{repo}/actions/runs/"
                    + runId + "/attempts/" + attempt + "/jobs");
        }
    }

    /** Adds the job's spans; returns its end. */
    private static long job(JsonSource src, JsonNode job, String path, String traceId, String runSpan, long runStart,
                            List<PipelineSpan> out) {
        String jobId = src.text(job, "id", path);
        String name = src.text(job, "name", path);
        String conclusion = JsonSource.optional(job, "conclusion");
        Long created = src.time(job, "created_at", path);
        Long started = src.time(job, "started_at", path);
        Long completed = src.time(job, "completed_at", path);
        long start = created != null ? created : started != null ? started : runStart;
        long end = Math.max(start, completed != null ? completed : started != null ? started : start);
        String jobSpan = TraceIds.spanId(traceId, "job", jobId);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("cicd.pipeline.task.name", name);
        a.put("cicd.pipeline.task.run.id", jobId);
        put(a, "cicd.pipeline.task.run.url.full", JsonSource.optional(job, "html_url"));
        put(a, "cicd.pipeline.task.run.result", result(conclusion));
        put(a, "cicd.worker.name", JsonSource.optional(job, "runner_name"));
        if (started != null && created != null) {
            a.put("shipwatch.queue.ms", Math.max(0, started - created) / 1_000_000);
        }
        out.add(new PipelineSpan(traceId, jobSpan, runSpan, name, start, end, status(conclusion), message(conclusion), a, null));
        if (started != null && started > start) {
            out.add(new PipelineSpan(traceId, TraceIds.spanId(traceId, "queue", jobId), jobSpan, "queued", start,
                    Math.min(started, end), SpanStatus.UNSET, null, Map.of(SPAN_TYPE, "queue"), null));
        }
        JsonNode steps = job.path("steps");
        Long firstStep = steps.isArray() && !steps.isEmpty() ? src.time(steps.get(0), "started_at", path + "steps[0].") : null;
        if (started != null && firstStep != null && firstStep > started) {
            out.add(new PipelineSpan(traceId, TraceIds.spanId(traceId, "setup", jobId), jobSpan, "runner setup", started,
                    Math.min(firstStep, end), SpanStatus.UNSET, null, Map.of(SPAN_TYPE, "setup"), null));
        }
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String stepPath = path + "steps[" + i + "].";
            String number = src.text(step, "number", stepPath);
            if (!number.matches("\\d{1,18}")) {
                throw new InputException(src.name() + ": " + stepPath + "number", "'" + number + "' is not a whole number",
                        "save the API's whole answer");
            }
            String stepConclusion = JsonSource.optional(step, "conclusion");
            Long s = src.time(step, "started_at", stepPath);
            Long e = src.time(step, "completed_at", stepPath);
            long stepStart = s != null ? s : end;
            long stepEnd = Math.max(stepStart, e != null ? e : stepStart); // skipped steps end before they start
            Map<String, Object> sa = new LinkedHashMap<>();
            sa.put("cicd.pipeline.task.name", src.text(step, "name", stepPath));
            put(sa, "cicd.pipeline.task.run.result", result(stepConclusion));
            sa.put("shipwatch.step.number", Long.parseLong(number));
            out.add(new PipelineSpan(traceId, TraceIds.spanId(traceId, "step", jobId, number), jobSpan,
                    src.text(step, "name", stepPath), stepStart, stepEnd, status(stepConclusion), message(stepConclusion),
                    sa, null));
        }
        return end;
    }

    private static String repository(JsonSource run) {
        String html = JsonSource.optional(run.root().path("repository"), "html_url");
        if (html != null) {
            return html.replaceAll("/+$", "");
        }
        String url = run.text(run.root(), "html_url", ""); // https://github.com/OWNER/REPO/actions/runs/ID
        int actions = url.indexOf("/actions/runs/");
        if (actions < 0) {
            throw new InputException(run.name() + ": repository.html_url", "is missing", "save the API's whole answer");
        }
        return url.substring(0, actions);
    }

    /** GitHub's conclusion as the CI/CD conventions' result: cicd.pipeline.result / task.run.result values. */
    static String result(String conclusion) {
        if (conclusion == null) {
            return null;
        }
        return switch (conclusion) {
            case "success", "neutral" -> "success";
            case "failure" -> "failure";
            case "cancelled" -> "cancellation";
            case "timed_out" -> "timeout";
            case "skipped", "stale" -> "skip";
            default -> "error"; // startup_failure, action_required
        };
    }

    private static SpanStatus status(String conclusion) {
        String result = result(conclusion);
        if (result == null || result.equals("skip")) {
            return SpanStatus.UNSET;
        }
        return result.equals("success") ? SpanStatus.OK : SpanStatus.ERROR;
    }

    private static String message(String conclusion) {
        return status(conclusion) == SpanStatus.ERROR ? "conclusion: " + conclusion : null;
    }

    private static void put(Map<String, Object> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
