package io.shipwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Names;
import io.shipwatch.core.Problems;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.core.Times;
import io.shipwatch.gate.GateEvaluations;
import io.shipwatch.gate.GateResult;
import io.shipwatch.gate.GateRun;
import io.shipwatch.gate.GateRunStore;
import io.shipwatch.gate.GateVerdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/gates}: stored gate results (written by {@code gate evaluate --server}, read as baselines), and the
 * server's own gates evaluated on request for Argo Rollouts' {@code web} metric provider and Flagger's webhooks.
 */
public final class GateRoutes implements ApiServer.RouteGroup {
    private static final Set<String> RESULT_FIELDS = new LinkedHashSet<>(List.of("gate", "service", "environment",
            "version", "deploymentId", "result", "score", "reason", "window", "objectives", "totalScore", "vars"));
    private static final Set<String> WINDOW_PARAMS = Set.of("start", "end", "window");

    private final GateRunStore store;
    private final GateEvaluations evaluations;
    private final Clock clock;

    public GateRoutes(GateRunStore store, GateEvaluations evaluations, Clock clock) {
        this.store = store;
        this.evaluations = evaluations;
        this.clock = clock;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/gates/results", this::save);
        routes.get("/api/v1/gates/results", this::list);
        routes.get("/api/v1/gates/{name}/evaluate", ctx -> argo(ctx, false)); // a read: evaluates, stores nothing
        routes.post("/api/v1/gates/{name}/evaluate", ctx -> argo(ctx, true)); // needs a write token: stores the result
        routes.post("/api/v1/gates/{name}/flagger", ctx -> flagger(ctx, false));
        routes.post("/api/v1/gates/{name}/flagger/rollback", ctx -> flagger(ctx, true));
    }

    private void save(Context ctx) {
        JsonNode body = ApiServer.body(ctx);
        if (!body.isObject()) {
            throw new InputException("body", "expected a JSON object, got " + JsonFields.kind(body),
                    "send the output of 'shipwatch gate evaluate --output json'");
        }
        Problems problems = new Problems();
        JsonFields f = new JsonFields(body, "", problems);
        f.onlyKnown(RESULT_FIELDS);
        String gate = name(f.text("gate"), "gate", true, problems);
        String service = name(f.text("service"), "service", false, problems);
        String environment = name(f.text("environment"), "environment", false, problems);
        String version = f.text("version");
        GateResult result = result(f.text("result"), problems);
        Double score = number(body.get("score"), "score", problems);
        JsonNode window = body.get("window");
        Instant start = null;
        Instant end = null;
        if (window == null || !window.isObject()) {
            problems.add("window", "is missing", "send {\"start\": RFC 3339, \"end\": RFC 3339}");
        } else {
            JsonFields w = new JsonFields(window, "window.", problems);
            start = w.time("start");
            end = w.time("end");
            if (start == null || end == null) {
                problems.add("window", "needs start and end", "send {\"start\": RFC 3339, \"end\": RFC 3339}");
            } else if (start.isAfter(end)) {
                problems.add("window.end", "is before window.start", "send a window that ends after it starts");
            }
        }
        List<GateRun.Measured> objectives = objectives(f.array("objectives"), problems);
        JsonNode targets = body.path("totalScore");
        Double passTarget = number(targets.get("pass"), "totalScore.pass", problems);
        Double warningTarget = number(targets.get("warning"), "totalScore.warning", problems);
        problems.throwIfAny();
        GateRun run = new GateRun(UUID.randomUUID().toString(), gate, service, environment, version,
                f.text("deploymentId"), result, score,
                new TimeWindow(start, end), clock.instant(), f.text("reason"), objectives, passTarget, warningTarget);
        store.save(run);
        ctx.status(201).json(Map.of("id", run.id(), "gate", gate, "result", result.wireName()));
    }

    private void list(Context ctx) {
        Problems problems = new Problems();
        String gate = name(ctx.queryParam("gate"), "gate", true, problems);
        String service = name(ctx.queryParam("service"), "service", false, problems);
        String environment = name(ctx.queryParam("environment"), "environment", false, problems);
        int limit = QueryParams.limit(ctx.queryParam("limit"), "limit", 20, 500, problems);
        problems.throwIfAny();
        List<Map<String, Object>> items = new ArrayList<>();
        for (GateRun r : store.recent(gate, service, environment, limit)) {
            items.add(VerdictRoutes.gateItem(r));
        }
        ctx.json(Map.of("items", items));
    }

    /**
     * Argo Rollouts' web metric: 200 with the verdict for pass, warning and fail (read it with jsonPath
     * {@code $.result} and successCondition {@code result == "pass"}); 503 when the metrics could not be had, which
     * Argo counts as an Error measurement, never as a success. GET only reads; POST (Argo's {@code method: POST}) also
     * stores the result, so that it counts in DORA and as a baseline.
     */
    private void argo(Context ctx, boolean save) {
        Problems problems = new Problems();
        Map<String, String> vars = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!WINDOW_PARAMS.contains(k) && !v.isEmpty()) {
                putVar(vars, k, v.get(v.size() - 1), k, problems);
            }
        });
        TimeWindow window = window(ctx, problems);
        problems.throwIfAny();
        GateVerdict verdict = evaluations.evaluate(ctx.pathParam("name"), vars, window, save);
        ctx.status(verdict.result() == GateResult.ERROR ? 503 : 200).json(verdict.toMap());
    }

    /**
     * Flagger's webhooks (confirm-promotion, rollout, pre-rollout): 200 lets the canary go on when the gate passes
     * (or warns), 412 stops it when it fails, 503 when the metrics could not be had. The rollback hook is inverted, as
     * in Flagger: 200 asks for a rollback (the gate failed), 409 does not.
     */
    private void flagger(Context ctx, boolean rollbackHook) {
        JsonNode body = ApiServer.body(ctx);
        if (!body.isObject()) {
            throw new InputException("body", "expected a JSON object, got " + JsonFields.kind(body),
                    "send Flagger's webhook payload {name, namespace, phase, metadata}");
        }
        Problems problems = new Problems();
        JsonFields f = new JsonFields(body, "", problems);
        Map<String, String> vars = new LinkedHashMap<>();
        putVar(vars, "service", f.text("name"), "name", problems);
        putVar(vars, "namespace", f.text("namespace"), "namespace", problems);
        f.stringMap("metadata").forEach((k, v) -> putVar(vars, k, v, "metadata." + k, problems));
        problems.throwIfAny();
        GateVerdict verdict = evaluations.evaluate(ctx.pathParam("name"), vars, null, true);
        int status;
        if (verdict.result() == GateResult.ERROR) {
            status = 503;
        } else if (rollbackHook) {
            status = verdict.result() == GateResult.FAIL ? 200 : 409;
        } else {
            status = verdict.result() == GateResult.FAIL ? 412 : 200;
        }
        ctx.status(status).json(verdict.toMap());
    }

    /**
     * Adds a template variable from a request; it goes into metric queries, so it must be a name, as service names are
     * on writes, and no value can change what a query selects.
     */
    private static void putVar(Map<String, String> vars, String key, String value, String where, Problems problems) {
        if (value == null) {
            return;
        }
        if (!Names.NAME.matcher(value).matches()) {
            problems.add(where, "'" + value + "' is not a valid name",
                    "use 1 to 128 letters, digits and . _ - : / @, starting with a letter or digit");
        }
        vars.put(key, value);
    }

    private TimeWindow window(Context ctx, Problems problems) {
        String start = ctx.queryParam("start");
        String end = ctx.queryParam("end");
        String length = ctx.queryParam("window");
        try {
            if (start != null || end != null) {
                if (start == null || end == null) {
                    problems.add(start == null ? "start" : "end", "is missing", "give both start and end, or window");
                    return null;
                }
                Instant from = Times.parseInstant(start, "start");
                Instant to = Times.parseInstant(end, "end");
                if (!from.isBefore(to)) {
                    problems.add("end", "'" + end + "' is not after start", "give an end after the start");
                    return null;
                }
                return new TimeWindow(from, to);
            }
            if (length != null) {
                return TimeWindow.ending(clock.instant(), Times.parseDuration(length, "window"));
            }
        } catch (InputException e) {
            e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
        }
        return null;
    }

    private static List<GateRun.Measured> objectives(JsonNode array, Problems problems) {
        List<GateRun.Measured> out = new ArrayList<>();
        if (array == null) {
            problems.add("objectives", "is missing", "send the objectives of the verdict");
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode o = array.get(i);
            String at = "objectives[" + i + "]";
            if (!o.isObject()) {
                problems.add(at, "expected an object, got " + JsonFields.kind(o), "send {name, value, result, samples}");
                continue;
            }
            JsonFields f = new JsonFields(o, at + ".", problems);
            String name = f.text("name");
            if (name == null || name.isBlank()) {
                problems.add(at + ".name", "is missing", "name the objective");
            }
            Double value = number(o.get("value"), at + ".value", problems);
            String result = f.text("result");
            JsonNode samples = o.get("samples");
            int n = samples != null && samples.canConvertToInt() ? samples.intValue() : 0;
            // what judged the objective, for the web page: shown as sent
            JsonNode key = o.get("key");
            out.add(new GateRun.Measured(name, value, result, n, number(o.get("score"), at + ".score", problems),
                    number(o.get("weight"), at + ".weight", problems), key == null || key.isNull() ? null : key.asBoolean(),
                    f.text("pass"), f.text("warning"), f.text("query"), number(o.get("baseline"), at + ".baseline", problems),
                    f.text("reason")));
        }
        return out;
    }

    private static Double number(JsonNode v, String where, Problems problems) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            problems.add(where, "expected a number, got " + JsonFields.kind(v), null);
            return null;
        }
        return v.doubleValue();
    }

    private static GateResult result(String text, Problems problems) {
        if (text == null) {
            problems.add("result", "is missing", "use one of pass, warning, fail, error");
            return null;
        }
        try {
            return GateResult.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add("result", "unknown result '" + text + "'", "use one of pass, warning, fail, error");
            return null;
        }
    }

    private static String name(String text, String field, boolean required, Problems problems) {
        if (text == null) {
            if (required) {
                problems.add(field, "is missing", "name the " + field);
            }
            return null;
        }
        if (!Names.NAME.matcher(text).matches()) {
            problems.add(field, "'" + text + "' is not a name", "use letters, digits and . _ - : / @ (up to 128)");
            return null;
        }
        return text;
    }
}
