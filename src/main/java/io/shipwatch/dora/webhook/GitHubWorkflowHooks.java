package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.core.InputException;
import io.shipwatch.pipeline.GitHubActionsRunParser;
import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.pipeline.PipelineSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub's {@code workflow_run} and {@code workflow_job} webhooks as the spans {@code pipeline import github} makes of
 * the same run: the run's answer and a job's answer have the shape of the REST API's, so both go through
 * {@link GitHubActionsRunParser} and get its ids (trace from repository, run id and attempt; job span from the job's
 * numeric id, which is also its check run id, as the OpenTelemetry Collector's githubreceiver derives it). A run or job
 * not yet completed is marked unfinished, so a late or repeated delivery never moves a span back.
 */
public final class GitHubWorkflowHooks {
    private static final String HINT = "send the payload GitHub delivers, unchanged";

    private GitHubWorkflowHooks() {
    }

    /** The run's span from a {@code workflow_run} delivery (requested, in_progress or completed). */
    public static List<PipelineSpan> workflowRun(JsonNode body) {
        Payload p = new Payload(body, HINT);
        String repo = p.text("repository.html_url").replaceAll("/+$", "");
        p.text("workflow_run.id");
        if (p.node("workflow_run.run_started_at") == null) {
            p.text("workflow_run.created_at");
        }
        ObjectNode run = ((ObjectNode) p.node("workflow_run")).deepCopy();
        run.putObject("repository").put("html_url", repo);
        List<PipelineSpan> spans = parse(new JsonSource("workflow_run", run), List.of());
        return completed(p, "workflow_run") ? spans : List.of(unfinished(spans.get(0), Map.of()));
    }

    /**
     * The job's span from a {@code workflow_job} delivery, with its queue and setup spans and, once completed, its
     * steps; the job carries the run's attributes, so a run seen only through its jobs is still named.
     */
    public static List<PipelineSpan> workflowJob(JsonNode body) {
        Payload p = new Payload(body, HINT);
        String repo = p.text("repository.html_url").replaceAll("/+$", "");
        String runId = p.text("workflow_job.run_id");
        p.text("workflow_job.id");
        p.text("workflow_job.name");
        String created = p.text("workflow_job.created_at");
        String attempt = p.optionalText("workflow_job.run_attempt");
        String workflow = p.optionalText("workflow_job.workflow_name");
        boolean completed = completed(p, "workflow_job");

        ObjectNode run = JsonNodeFactory.instance.objectNode();
        // the stand-in run holds the job's own run_id and run_attempt nodes, so it is the job's run to any check
        run.set("id", p.node("workflow_job.run_id"));
        run.set("run_attempt", attempt == null ? JsonNodeFactory.instance.numberNode(1) : p.node("workflow_job.run_attempt"));
        run.put("name", workflow == null ? "workflow" : workflow).put("run_started_at", created);
        run.putObject("repository").put("html_url", repo);
        ObjectNode job = ((ObjectNode) p.node("workflow_job")).deepCopy();
        if (!completed) { // steps, conclusion and end are the completed event's: earlier ones are partial
            job.remove(List.of("steps", "conclusion", "completed_at"));
        }
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.putArray("jobs").add(job);
        List<PipelineSpan> spans = parse(new JsonSource("workflow_run", run), List.of(new JsonSource("workflow_job", page)));

        Map<String, Object> runAttributes = new LinkedHashMap<>();
        runAttributes.put("cicd.pipeline.name", workflow == null ? "workflow" : workflow);
        runAttributes.put("cicd.pipeline.run.id", runId);
        runAttributes.put("vcs.repository.url.full", repo);
        Payload.putIfSet(runAttributes, "vcs.ref.head.name", p.optionalText("workflow_job.head_branch"));
        Payload.putIfSet(runAttributes, "vcs.ref.head.revision", p.optionalText("workflow_job.head_sha"));
        runAttributes.put("shipwatch.ci.provider", "github");
        runAttributes.put("shipwatch.run.attempt", attempt == null ? "1" : attempt);
        List<PipelineSpan> out = new ArrayList<>(spans.subList(1, spans.size())); // the first is the stand-in run's
        out.set(0, completed ? out.get(0).withAttributes(runAttributes) : unfinished(out.get(0), runAttributes));
        return out;
    }

    private static boolean completed(Payload p, String object) {
        return "completed".equals(p.optionalText(object + ".status"));
    }

    private static PipelineSpan unfinished(PipelineSpan span, Map<String, Object> attributes) {
        Map<String, Object> extra = new LinkedHashMap<>(attributes);
        extra.put(PipelineSpan.UNFINISHED, true);
        return span.withAttributes(extra);
    }

    private static List<PipelineSpan> parse(JsonSource run, List<JsonSource> jobs) {
        try {
            return GitHubActionsRunParser.parse(run, jobs);
        } catch (InputException e) { // the parser names the REST answer's fields; a webhook sender needs the body's
            throw new InputException(e.errors().stream().map(x -> new InputException.Problem(
                    x.where().replace(": jobs[0].", ".").replace(": ", "."), x.problem(), HINT)).toList());
        }
    }
}
