package io.shipwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.dora.DoraQuery;
import io.shipwatch.dora.DoraService;
import io.shipwatch.dora.DoraStore;
import io.shipwatch.dora.DoraView;
import io.shipwatch.dora.Incident;
import io.shipwatch.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code /api/v1/dora} (the report) and {@code /api/v1/incidents} (record, resolve, read, list). */
public final class DoraRoutes implements ApiServer.RouteGroup {
    /** The report's window when none is given: the last 30 days. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    /** The longest report window: a year, leap day included. */
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    private static final int MAX_INCIDENTS = 500;
    private static final Set<String> OPEN_FIELDS = new LinkedHashSet<>(List.of("service", "environment", "title",
            "openedAt", "resolvedAt", "severity", "deploymentId"));
    private static final Set<String> RESOLVE_FIELDS = new LinkedHashSet<>(List.of("resolvedAt"));

    private final DoraService dora;
    private final Clock clock;

    public DoraRoutes(DoraService dora, Clock clock) {
        this.dora = dora;
        this.clock = clock;
    }

    @Override
    public List<MultiCollector> collectors() {
        return List.of(new DoraGauges(dora, clock));
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/dora", this::report);
        routes.post("/api/v1/incidents", this::open);
        routes.get("/api/v1/incidents", this::list);
        routes.get("/api/v1/incidents/{id}", ctx -> ctx.json(dora.get(ctx.pathParam("id"))));
        routes.patch("/api/v1/incidents/{id}", this::resolve);
    }

    private void report(Context ctx) {
        Problems problems = new Problems();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant to = QueryParams.time(ctx.queryParam("to"), "to", problems, now);
        Instant from = QueryParams.time(ctx.queryParam("from"), "from", problems, to.minus(DEFAULT_WINDOW));
        if (from.isAfter(to)) {
            problems.add("from", "'" + from + "' is after to '" + to + "'", "swap them");
        } else if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            // the report reads every deployment, commit and incident of the window: bound what one request reads
            problems.add("from", "the window from " + from + " to " + to + " is longer than the maximum of "
                    + MAX_WINDOW.toDays() + " days", "ask for at most " + MAX_WINDOW.toDays() + " days at a time");
        }
        problems.throwIfAny();
        DoraQuery query = new DoraQuery(blankToNull(ctx.queryParam("service")), blankToNull(ctx.queryParam("team")),
                blankToNull(ctx.queryParam("environment")), new TimeWindow(from, to));
        Map<String, Object> body = DoraView.report(dora.report(query));
        body.put("productionEnvironments", new TreeSet<>(dora.settings().productionEnvironments()));
        ctx.json(Json.treeWithNulls(body));
    }

    private void open(Context ctx) {
        JsonFields f = fields(ApiServer.body(ctx), OPEN_FIELDS, "{\"service\": …, \"environment\": …, \"title\": …}");
        Problems problems = f.problems();
        Incident draft = new Incident(null, f.text("service"), f.text("environment"), f.text("title"),
                f.text("severity"), f.time("openedAt"), f.time("resolvedAt"), f.text("deploymentId"), "api", null);
        problems.throwIfAny();
        DoraStore.Saved saved = dora.open(draft);
        ctx.status(saved.created() ? 201 : 200).header("Location", "/api/v1/incidents/" + saved.incident().id())
                .json(saved.incident());
    }

    private void resolve(Context ctx) {
        JsonFields f = fields(ApiServer.body(ctx), RESOLVE_FIELDS, "{\"resolvedAt\": \"2026-11-26T14:04:00Z\"}");
        Instant resolvedAt = f.time("resolvedAt");
        f.problems().throwIfAny();
        ctx.json(dora.resolve(ctx.pathParam("id"), resolvedAt));
    }

    private void list(Context ctx) {
        Problems problems = new Problems();
        Instant before = QueryParams.time(ctx.queryParam("before"), "before", problems, null);
        int limit = QueryParams.limit(ctx.queryParam("limit"), "limit", 100, MAX_INCIDENTS, problems);
        problems.throwIfAny();
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("items", Json.mapper().valueToTree(dora.list(blankToNull(ctx.queryParam("service")), before, limit)));
        ctx.json(body);
    }

    private static JsonFields fields(JsonNode body, Set<String> known, String example) {
        if (body == null || !body.isObject()) {
            throw new InputException("body", "expected a JSON object, got " + (body == null ? "nothing"
                    : JsonFields.kind(body)), "send " + example);
        }
        JsonFields f = new JsonFields(body, "", new Problems());
        f.onlyKnown(known);
        return f;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
