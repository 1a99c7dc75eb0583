package io.shipwatch.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.shipwatch.core.Names;
import io.shipwatch.core.NotFoundException;
import io.shipwatch.core.Problems;
import io.shipwatch.gate.CanaryAnalysis;
import io.shipwatch.gate.CanaryAnalysisStore;
import io.shipwatch.gate.GateRun;
import io.shipwatch.gate.GateRunStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts the web page shows: gate results of any gate ({@code /api/v1/gates/verdicts}) and canary analyses
 * ({@code /api/v1/canaries/analyses}, written by {@code canary judge} and {@code canary run} with a server), newest
 * first, by service, gate or canary, and deployment; lists are bounded to {@link #MAX_LIMIT}.
 */
public final class VerdictRoutes implements ApiServer.RouteGroup {
    static final int MAX_LIMIT = 100;

    private final GateRunStore gates;
    private final CanaryAnalysisStore canaries;

    public VerdictRoutes(GateRunStore gates, CanaryAnalysisStore canaries) {
        this.gates = gates;
        this.canaries = canaries;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/gates/verdicts", this::gateList);
        routes.get("/api/v1/gates/verdicts/{id}", this::gateOne);
        routes.post("/api/v1/canaries/analyses", this::save);
        routes.get("/api/v1/canaries/analyses", this::canaryList);
        routes.get("/api/v1/canaries/analyses/{id}", this::canaryOne);
    }

    private void gateList(Context ctx) {
        Problems problems = new Problems();
        String service = name(ctx, "service", problems);
        String gate = name(ctx, "gate", problems);
        String deployment = name(ctx, "deploymentId", problems);
        int limit = limit(ctx, problems);
        problems.throwIfAny();
        ctx.json(Map.of("items", gates.verdicts(service, gate, deployment, limit).stream()
                .map(VerdictRoutes::gateItem).toList()));
    }

    private void gateOne(Context ctx) {
        String id = ctx.pathParam("id");
        GateRun run = gates.find(id).orElseThrow(() -> new NotFoundException("id", "no gate result '" + id + "'",
                "list them with GET /api/v1/gates/verdicts"));
        ctx.json(gateItem(run));
    }

    private void save(Context ctx) {
        CanaryAnalysis analysis = CanaryAnalysisRequest.parse(ApiServer.body(ctx));
        canaries.save(analysis);
        ctx.status(201).json(Map.of("id", analysis.id(), "canary", analysis.canary(), "outcome", analysis.outcome()));
    }

    private void canaryList(Context ctx) {
        Problems problems = new Problems();
        String service = name(ctx, "service", problems);
        String canary = name(ctx, "canary", problems);
        String deployment = name(ctx, "deploymentId", problems);
        int limit = limit(ctx, problems);
        problems.throwIfAny();
        // the list leaves out steps and points: a page of analyses stays small
        ctx.json(Map.of("items", canaries.recent(service, canary, deployment, limit).stream()
                .map(a -> new CanaryAnalysis(a.id(), a.canary(), a.service(), a.environment(), a.version(),
                        a.deploymentId(), a.kind(), a.outcome(), a.reason(), a.score(), a.confidence(), a.startedAt(),
                        a.finishedAt(), List.of())).toList()));
    }

    private void canaryOne(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(canaries.find(id).orElseThrow(() -> new NotFoundException("id", "no canary analysis '" + id + "'",
                "list them with GET /api/v1/canaries/analyses")));
    }

    /** A stored gate result as the API lists it, in {@code /gates/results} and {@code /gates/verdicts}. */
    static Map<String, Object> gateItem(GateRun r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", r.id());
        item.put("gate", r.gate());
        item.put("service", r.service());
        item.put("environment", r.environment());
        item.put("version", r.version());
        item.put("deploymentId", r.deploymentId());
        item.put("result", r.result().wireName());
        item.put("score", r.score());
        item.put("totalScore", r.passTarget() == null ? null : Map.of("pass", r.passTarget(),
                "warning", r.warningTarget() == null ? r.passTarget() : r.warningTarget()));
        item.put("window", Map.of("start", r.window().from(), "end", r.window().to()));
        item.put("evaluatedAt", r.evaluatedAt());
        item.put("reason", r.reason());
        item.put("objectives", r.objectives());
        return item;
    }

    private static String name(Context ctx, String param, Problems problems) {
        String v = ctx.queryParam(param);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!Names.NAME.matcher(v).matches()) {
            problems.add(param, "'" + v + "' is not a name", "use letters, digits and . _ - : / @ (up to 128)");
            return null;
        }
        return v;
    }

    private static int limit(Context ctx, Problems problems) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("limit", "'" + text + "' is not a whole number from 1 to " + MAX_LIMIT, "ask for at most "
                + MAX_LIMIT);
        return 0;
    }
}
