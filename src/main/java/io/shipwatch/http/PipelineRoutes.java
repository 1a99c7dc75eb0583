package io.shipwatch.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.shipwatch.core.Problems;
import io.shipwatch.json.Json;
import io.shipwatch.pipeline.PipelineService;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.PipelineSummary;
import io.shipwatch.pipeline.RunSummary;
import io.shipwatch.pipeline.StepTrend;
import java.time.Instant;
import java.util.List;

/**
 * The pipeline API: {@code GET /api/v1/pipelines}, {@code /api/v1/pipelines/{name}/runs}, {@code …/steps} (trends)
 * and {@code /api/v1/runs/{traceId}} (spans, critical path, bottleneck). The OTLP receiver is {@link OtlpRoutes}.
 */
public final class PipelineRoutes implements ApiServer.RouteGroup {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** Pipelines listed at most: one row per pipeline name, so a page as large as the UI ever draws. */
    static final int MAX_NAMES = 1000;

    private final PipelineService pipelines;

    public PipelineRoutes(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/pipelines", this::list);
        routes.get("/api/v1/pipelines/{name}/runs", this::runs);
        routes.get("/api/v1/pipelines/{name}/steps", this::steps);
        routes.get("/api/v1/runs/{traceId}", this::run);
    }

    private void list(Context ctx) {
        int limit = limit(ctx, "limit", MAX_NAMES, MAX_NAMES);
        ArrayNode items = Json.mapper().createArrayNode();
        for (PipelineSummary p : pipelines.pipelines(limit)) {
            ObjectNode item = items.addObject();
            item.put("name", p.name());
            item.put("runs", p.runs());
            item.set("latest", run(p.latest()));
        }
        ctx.json(Json.mapper().createObjectNode().set("items", items));
    }

    private void runs(Context ctx) {
        int limit = limit(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        ArrayNode items = Json.mapper().createArrayNode();
        pipelines.runs(ctx.pathParam("name"), limit).forEach(r -> items.add(run(r)));
        ctx.json(Json.mapper().createObjectNode().set("items", items));
    }

    private void steps(Context ctx) {
        int runs = limit(ctx, "runs", PipelineService.DEFAULT_TREND_RUNS, MAX_LIMIT);
        List<StepTrend> trends = pipelines.trends(ctx.pathParam("name"), runs);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("pipeline", ctx.pathParam("name"));
        body.set("steps", Json.mapper().valueToTree(trends));
        ctx.json(body);
    }

    private void run(Context ctx) {
        PipelineService.RunView view = pipelines.run(ctx.pathParam("traceId"));
        ObjectNode body = run(view.summary());
        ArrayNode spans = body.putArray("spans");
        for (PipelineSpan s : view.spans()) {
            ObjectNode span = spans.addObject();
            span.put("spanId", s.spanId());
            span.put("parentSpanId", s.parentSpanId());
            span.put("name", s.name());
            span.put("startTime", time(s.startNanos()));
            span.put("endTime", time(s.endNanos()));
            span.put("durationMs", s.durationNanos() / 1e6);
            span.put("exclusiveMs", view.analysis().exclusiveNanos().getOrDefault(s.spanId(), 0L) / 1e6);
            span.put("status", s.status().wireName());
            span.put("statusMessage", s.statusMessage());
            span.set("attributes", Json.mapper().valueToTree(s.attributes()));
            if (!s.links().isEmpty()) {
                span.set("links", Json.mapper().valueToTree(s.links()));
            }
        }
        body.set("criticalPath", Json.mapper().valueToTree(view.analysis().criticalPath()));
        body.put("bottleneck", view.analysis().bottleneck());
        ctx.json(body);
    }

    private static ObjectNode run(RunSummary r) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("traceId", r.traceId());
        node.put("pipeline", r.pipeline());
        node.put("runId", r.runId());
        node.put("attempt", r.attempt());
        node.put("startTime", time(r.startNanos()));
        node.put("endTime", time(r.endNanos()));
        node.put("durationMs", r.durationMillis());
        node.put("status", r.status().wireName());
        node.put("result", r.result());
        node.put("commitSha", r.commitSha());
        node.put("repositoryUrl", r.repositoryUrl());
        node.put("bottleneck", r.bottleneck());
        node.put("spanCount", r.spanCount());
        return node;
    }

    private static String time(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }

    private static int limit(Context ctx, String param, int fallback, int max) {
        Problems problems = new Problems();
        int n = QueryParams.limit(ctx.queryParam(param), param, fallback, max, problems);
        problems.throwIfAny();
        return n;
    }
}
