package io.shipwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.shipwatch.core.InputException;
import io.shipwatch.core.NotFoundException;
import io.shipwatch.core.Problems;
import io.shipwatch.loadtest.CompareRules;
import io.shipwatch.loadtest.Comparison;
import io.shipwatch.loadtest.ComparisonOutput;
import io.shipwatch.loadtest.ComparisonReport;
import io.shipwatch.loadtest.LabelSummary;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.LoadTestRunJson;
import io.shipwatch.loadtest.LoadTestRunStore;
import io.shipwatch.loadtest.PercentileCurve;
import io.shipwatch.loadtest.RunStatus;
import io.shipwatch.loadtest.ServiceComparison;
import io.shipwatch.loadtest.SummaryReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code /api/v1/loadtest/runs}: record load-test runs, read them back as baselines and history, and compare a run with
 * its baseline for the run comparison page.
 */
public final class LoadTestRoutes implements ApiServer.RouteGroup {
    static final String RUNS = "/api/v1/loadtest/runs";
    static final String BUILDS = "/api/v1/loadtest/builds";
    private static final int MAX_LIMIT = 100;
    /** Scenarios listed at most, each with its newest run. */
    private static final int MAX_SCENARIOS = 1000;

    private final LoadTestRunStore store;

    public LoadTestRoutes(LoadTestRunStore store) {
        this.store = store;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.post(RUNS, this::create);
        routes.get(RUNS, this::list);
        routes.get(RUNS + "/{id}", this::get);
        routes.get(RUNS + "/{id}/comparison", this::comparison);
        routes.get("/api/v1/loadtest/scenarios", this::scenarios);
        routes.get(BUILDS, this::builds);
    }

    /** Validates the whole run before writing it in one transaction: a bad field records nothing. */
    void create(Context ctx) {
        Problems problems = new Problems();
        LoadTestRun run = LoadTestRunJson.read(ApiServer.body(ctx), problems);
        problems.throwIfAny();
        LoadTestRun saved = store.insert(run);
        ctx.status(201).header("Location", RUNS + "/" + saved.id()).json(LoadTestRunJson.write(saved));
    }

    void list(Context ctx) {
        Problems problems = new Problems();
        String service = required(ctx, "service", problems);
        String scenario = required(ctx, "scenario", problems);
        RunStatus status = null;
        String statusText = ctx.queryParam("status");
        if (statusText != null && !statusText.isBlank()) {
            try {
                status = RunStatus.parse(statusText, "status");
            } catch (InputException e) {
                e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
            }
        }
        int limit = QueryParams.limit(ctx.queryParam("limit"), "limit", 20, MAX_LIMIT, problems);
        problems.throwIfAny();
        String version = ctx.queryParam("version");
        List<LoadTestRun> runs = store.find(new LoadTestRunStore.RunQuery(service, scenario, status,
                version == null || version.isBlank() ? null : version, limit));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("items");
        runs.forEach(r -> items.add(LoadTestRunJson.write(r)));
        ctx.json(body);
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(LoadTestRunJson.write(find(id, "id")));
    }

    /** Every service and scenario with runs, each with its newest run's version, status, time and totals. */
    void scenarios(Context ctx) {
        Problems problems = new Problems();
        int limit = QueryParams.limit(ctx.queryParam("limit"), "limit", MAX_SCENARIOS, MAX_SCENARIOS, problems);
        problems.throwIfAny();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("items");
        for (LoadTestRun run : store.latestPerScenario(limit)) {
            ObjectNode latest = summary(run);
            latest.remove("labels");
            latest.remove("serviceMetrics");
            items.addObject().put("service", run.service()).put("scenario", run.scenario()).set("latest", latest);
        }
        ctx.json(body);
    }

    /**
     * A scenario's newest runs in build order (oldest first), each with its status and one label's statistics (the
     * run's total unless {@code label} names one; null for a run without that label), the labels there are to choose
     * from, and which run is the baseline the newest run is compared with: for the across-builds charts.
     */
    void builds(Context ctx) {
        Problems problems = new Problems();
        String service = required(ctx, "service", problems);
        String scenario = required(ctx, "scenario", problems);
        int limit = QueryParams.limit(ctx.queryParam("limit"), "limit", 20, MAX_LIMIT, problems);
        problems.throwIfAny();
        String label = ctx.queryParam("label") == null || ctx.queryParam("label").isBlank() ? null
                : ctx.queryParam("label");
        List<LoadTestRun> newestFirst = store.find(new LoadTestRunStore.RunQuery(service, scenario, null, null, limit));
        LoadTestRun baseline = newestFirst.isEmpty() ? null : defaultBaseline(newestFirst.get(0));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("service", service).put("scenario", scenario)
                .put("label", label).put("baselineRunId", baseline == null ? null : baseline.id());
        ArrayNode labels = body.putArray("labels");
        if (!newestFirst.isEmpty()) {
            newestFirst.get(0).result().labels().forEach(l -> labels.add(l.label()));
        }
        ArrayNode items = body.putArray("items");
        List<LoadTestRun> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        for (LoadTestRun run : oldestFirst) {
            JsonNode written = LoadTestRunJson.write(run);
            JsonNode stats = label == null ? written.path("total") : null;
            for (JsonNode l : written.path("labels")) {
                if (stats == null && l.path("label").asText().equals(label)) {
                    stats = ((ObjectNode) l).without(List.of("label", "histogram"));
                }
            }
            ObjectNode item = items.addObject().put("id", run.id()).put("version", run.version())
                    .put("status", run.status().wireName()).put("recordedAt", run.recordedAt().toString())
                    .put("format", run.result().format())
                    .put("baseline", baseline != null && baseline.id().equals(run.id()));
            item.set("summary", stats);
        }
        ctx.json(body);
    }

    /** The newest passed run recorded before {@code run}: what it is compared with when no baseline is named. */
    private LoadTestRun defaultBaseline(LoadTestRun run) {
        LoadTestRunStore.RunQuery passed = new LoadTestRunStore.RunQuery(run.service(), run.scenario(),
                RunStatus.PASSED, null, MAX_LIMIT);
        return store.find(passed).stream()
                .filter(r -> !r.id().equals(run.id()) && !r.recordedAt().isAfter(run.recordedAt()))
                .findFirst().orElse(null);
    }

    /**
     * A run against its baseline (the {@code baseline} run id, or the newest passed run recorded before it) under the
     * default rules, with both sides' percentile curves per label, for the run comparison page.
     */
    void comparison(Context ctx) {
        String id = ctx.pathParam("id");
        LoadTestRun run = find(id, "id");
        String baselineId = ctx.queryParam("baseline");
        LoadTestRun baseline = baselineId != null && !baselineId.isBlank() ? find(baselineId, "baseline")
                : defaultBaseline(run);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("run", summary(run));
        body.set("baseline", baseline == null ? null : summary(baseline));
        if (baseline != null) {
            ComparisonReport report = Comparison.compare(baseline.result(), run.result(), CompareRules.defaults(), 0.95)
                    .withServices(run.serviceMetrics().isEmpty() ? List.of()
                            : ServiceComparison.compare(baseline.serviceMetrics(), run.serviceMetrics()));
            body.set("comparison", ComparisonOutput.json(report));
        }
        ArrayNode curves = body.putArray("curves");
        for (LabelSummary label : run.result().labels()) {
            ObjectNode curve = curves.addObject().put("label", label.label());
            curve.set("candidate", points(PercentileCurve.of(run.result(), label.label())));
            curve.set("baseline", baseline == null ? JsonNodeFactory.instance.arrayNode()
                    : points(PercentileCurve.of(baseline.result(), label.label())));
        }
        ctx.json(body);
    }

    private LoadTestRun find(String id, String param) {
        return store.get(id).orElseThrow(() -> new NotFoundException(param, "no load-test run '" + id + "'",
                "list runs with GET " + RUNS + "?service=…&scenario=…"));
    }

    /** A run without its histograms, which the page does not need. */
    private static ObjectNode summary(LoadTestRun run) {
        ObjectNode node = LoadTestRunJson.write(run);
        node.path("labels").forEach(l -> ((ObjectNode) l).remove("histogram"));
        return node;
    }

    private static ArrayNode points(List<double[]> points) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        points.forEach(p -> out.addArray().add(p[0]).add(SummaryReport.round(p[1])));
        return out;
    }

    private static String required(Context ctx, String param, Problems problems) {
        String v = ctx.queryParam(param);
        if (v == null || v.isBlank()) {
            problems.add(param, "is required", "add ?service=…&scenario=…");
            return null;
        }
        return v;
    }
}
