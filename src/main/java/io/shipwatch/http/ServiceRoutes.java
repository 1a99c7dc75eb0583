package io.shipwatch.http;

import io.javalin.http.Context;
import io.shipwatch.core.Problems;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.graphs.PanelResult;
import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.markers.MarkerStore;
import io.shipwatch.providers.Series;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/services}: the services that have deployments, and the graphs drawn under their markers. */
final class ServiceRoutes {
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(6);
    private static final Duration MAX_WINDOW = Duration.ofDays(90);
    private static final int MAX_SERVICES = 1000;

    private final MarkerStore store;
    private final ServiceGraphs graphs;

    ServiceRoutes(MarkerStore store, ServiceGraphs graphs) {
        this.store = store;
        this.graphs = graphs;
    }

    void list(Context ctx) {
        Problems problems = new Problems();
        int limit = QueryParams.limit(ctx.queryParam("limit"), "limit", MAX_SERVICES, MAX_SERVICES, problems);
        problems.throwIfAny();
        // one row per service and environment, read whole as /metrics reads them; the limit bounds the answer
        ctx.json(Map.of("items", store.services().stream().limit(limit).toList()));
    }

    void metrics(Context ctx) {
        Problems problems = new Problems();
        Instant to = QueryParams.time(ctx.queryParam("to"), "to", problems, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Instant from = QueryParams.time(ctx.queryParam("from"), "from", problems, to.minus(DEFAULT_WINDOW));
        if (!from.isBefore(to)) {
            problems.add("from", "'" + from + "' is not before to '" + to + "'", "give a window that ends after it starts");
        } else if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            problems.add("from", "the window is longer than 90 days", "graph a shorter range");
        }
        // the names go into metric queries: the same rule as on writes, so no name can change what a query selects
        String service = ctx.pathParam("service");
        MarkerService.checkName(problems, "service", service);
        String environment = ctx.queryParam("environment");
        if (environment != null && !environment.isEmpty()) {
            MarkerService.checkName(problems, "environment", environment);
        }
        problems.throwIfAny();
        List<PanelResult> panels = graphs.render(service, environment, new TimeWindow(from, to));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("provider", graphs.providerType());
        body.put("demo", "demo".equals(graphs.providerType()));
        body.put("from", from);
        body.put("to", to);
        List<Map<String, Object>> out = new ArrayList<>();
        for (PanelResult p : panels) {
            Map<String, Object> panel = new LinkedHashMap<>();
            panel.put("id", p.id());
            panel.put("title", p.title());
            panel.put("unit", p.unit());
            panel.put("query", p.query());
            panel.put("series", p.series().stream().map(ServiceRoutes::series).toList());
            panel.put("error", p.error());
            out.add(panel);
        }
        body.put("panels", out);
        ctx.json(body);
    }

    /** Points as [unix seconds, value] pairs, the shape charting libraries take; NaN becomes null (a gap). */
    private static Map<String, Object> series(Series s) {
        List<Object[]> points = new ArrayList<>(s.points().size());
        for (Series.Point p : s.points()) {
            double v = p.value();
            points.add(new Object[] {p.time().getEpochSecond(), Double.isFinite(v) ? v : null});
        }
        return Map.of("labels", s.labels(), "points", points);
    }

}
