package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.ci.RepositoryUrl;
import io.shipwatch.core.InputException;
import io.shipwatch.pipeline.GitLabPipelineParser;
import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.pipeline.PipelineSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitLab's Pipeline Hook and Job Hook as the spans {@code pipeline import gitlab} makes of the same pipeline: each hook
 * is rewritten into the REST API's shape (its own names, RFC 3339 times) and read by {@link GitLabPipelineParser}, so
 * the trace comes from the project URL and pipeline id, and a job's span from its id, as the live wrapper derives them
 * from CI_PROJECT_URL, CI_PIPELINE_ID and CI_JOB_ID. A pipeline or job still going is marked unfinished.
 */
public final class GitLabPipelineHooks {
    private static final String HINT = "send the payload GitLab delivers, unchanged";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GitLabPipelineHooks() {
    }

    /** The pipeline's span and its jobs' ({@code builds}) from a Pipeline Hook. */
    public static List<PipelineSpan> pipelineHook(JsonNode body) {
        Payload p = new Payload(body, HINT);
        String project = project(p);
        String id = p.text("object_attributes.id");
        ObjectNode pipeline = JSON.objectNode();
        pipeline.put("id", id).put("web_url", project + "/-/pipelines/" + id);
        time(pipeline, "created_at", p.time("object_attributes.created_at"));
        time(pipeline, "finished_at", p.optionalTime("object_attributes.finished_at"));
        for (String field : List.of("status", "ref", "sha", "name")) {
            text(pipeline, field, p.optionalText("object_attributes." + field));
        }
        copy(p.node("object_attributes.queued_duration"), pipeline, "queued_duration");
        ArrayNode jobs = JSON.arrayNode();
        for (Payload build : p.node("builds") == null ? List.<Payload>of() : p.items("builds")) {
            jobs.add(job(build, project, build.text("id"), ""));
        }
        List<PipelineSpan> spans = parse(pipeline, jobs);
        List<PipelineSpan> out = new ArrayList<>();
        for (PipelineSpan s : spans) {
            boolean run = s.parentSpanId() == null;
            boolean job = s.attribute("cicd.pipeline.task.run.id") != null;
            boolean going = run ? s.attribute("cicd.pipeline.result") == null
                    : job && s.attribute("cicd.pipeline.task.run.result") == null;
            out.add(going ? s.withAttributes(Map.of(PipelineSpan.UNFINISHED, true)) : s);
        }
        return out;
    }

    /** The job's span (and its queue span) from a Job Hook, carrying the pipeline's attributes. */
    public static List<PipelineSpan> jobHook(JsonNode body) {
        Payload p = new Payload(body, HINT);
        String project = project(p);
        String pipelineId = p.text("pipeline_id");
        ObjectNode pipeline = JSON.objectNode();
        pipeline.put("id", pipelineId).put("web_url", project + "/-/pipelines/" + pipelineId);
        time(pipeline, "created_at", p.time("build_created_at"));
        ArrayNode jobs = JSON.arrayNode();
        jobs.add(job(p, project, p.text("build_id"), "build_"));
        List<PipelineSpan> spans = parse(pipeline, jobs);

        Map<String, Object> runAttributes = new LinkedHashMap<>();
        runAttributes.put("cicd.pipeline.name", project.substring(project.lastIndexOf('/') + 1));
        runAttributes.put("cicd.pipeline.run.id", pipelineId);
        runAttributes.put("vcs.repository.url.full", project);
        Payload.putIfSet(runAttributes, "vcs.ref.head.name", p.optionalText("ref"));
        Payload.putIfSet(runAttributes, "vcs.ref.head.revision", p.optionalText("sha"));
        runAttributes.put("shipwatch.ci.provider", "gitlab");
        PipelineSpan job = spans.get(1); // the first is the stand-in pipeline's
        if (job.attribute("cicd.pipeline.task.run.result") == null) {
            runAttributes.put(PipelineSpan.UNFINISHED, true);
        }
        List<PipelineSpan> out = new ArrayList<>(spans.subList(1, spans.size()));
        out.set(0, job.withAttributes(runAttributes));
        return out;
    }

    /** A job in the REST API's shape from a Pipeline Hook's build ({@code prefix} "") or a Job Hook ("build_"). */
    private static ObjectNode job(Payload p, String project, String id, String prefix) {
        ObjectNode job = JSON.objectNode();
        job.put("id", id).put("name", p.text(prefix + "name")).put("web_url", project + "/-/jobs/" + id);
        text(job, "stage", p.optionalText(prefix + "stage"));
        text(job, "status", p.optionalText(prefix + "status"));
        text(job, "failure_reason", p.optionalText(prefix + "failure_reason"));
        time(job, "created_at", p.optionalTime(prefix + "created_at"));
        time(job, "started_at", p.optionalTime(prefix + "started_at"));
        time(job, "finished_at", p.optionalTime(prefix + "finished_at"));
        copy(p.node(prefix + "queued_duration"), job, "queued_duration");
        String runner = p.node("runner") == null ? null : p.optionalText("runner.description");
        if (runner != null) {
            job.putObject("runner").put("description", runner);
        }
        return job;
    }

    private static List<PipelineSpan> parse(ObjectNode pipeline, ArrayNode jobs) {
        try {
            return GitLabPipelineParser.parse(new JsonSource("hook", pipeline), List.of(new JsonSource("hook", jobs)));
        } catch (InputException e) { // every field was checked above; this names the rest as the parser saw it
            throw new InputException(e.errors().stream().map(x -> new InputException.Problem(
                    x.where().replace("hook: ", ""), x.problem(), HINT)).toList());
        }
    }

    private static String project(Payload p) {
        String raw = p.node("project.web_url") != null ? p.text("project.web_url") : p.text("repository.homepage");
        String url = RepositoryUrl.normalize(raw);
        if (url == null) {
            throw new InputException("project.web_url", "'" + raw + "' is not a project URL", HINT);
        }
        return url;
    }

    private static void time(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, time.toString());
        }
    }

    private static void text(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void copy(JsonNode value, ObjectNode node, String field) {
        if (value != null && value.isNumber()) {
            node.set(field, value);
        }
    }
}
