package io.shipwatch.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.core.Times;
import io.shipwatch.json.Json;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentPage;
import io.shipwatch.markers.DeploymentQuery;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.markers.MarkerStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** {@code /api/v1/deployments}: record, change, read and list deployment markers. */
final class DeploymentRoutes {
    private final MarkerService markers;

    DeploymentRoutes(MarkerService markers) {
        this.markers = markers;
    }

    void create(Context ctx) {
        Deployment draft = DeploymentRequests.draft(ApiServer.body(ctx), ctx.header("Idempotency-Key"));
        MarkerStore.Saved saved = markers.record(draft);
        ctx.status(saved.created() ? 201 : 200)
                .header("Location", "/api/v1/deployments/" + saved.deployment().id())
                .json(view(saved.deployment()));
    }

    void change(Context ctx) {
        Deployment changed = markers.change(ctx.pathParam("id"), DeploymentRequests.change(ApiServer.body(ctx)));
        ctx.json(view(changed));
    }

    void get(Context ctx) {
        ctx.json(view(markers.get(ctx.pathParam("id"))));
    }

    void list(Context ctx) {
        Problems problems = new Problems();
        Instant from = QueryParams.time(ctx.queryParam("from"), "from", problems, null);
        Instant to = QueryParams.time(ctx.queryParam("to"), "to", problems, null);
        int limit = QueryParams.limit(ctx.queryParam("limit"), "limit", DeploymentQuery.DEFAULT_LIMIT,
                DeploymentQuery.MAX_LIMIT, problems);
        DeploymentQuery.Cursor cursor = decodeCursor(ctx.queryParam("cursor"), problems);
        if (from != null && to != null && from.isAfter(to)) {
            problems.add("from", "'" + from + "' is after to '" + to + "'", "swap them");
        }
        problems.throwIfAny();
        DeploymentPage page = markers.list(new DeploymentQuery(blankToNull(ctx.queryParam("service")),
                blankToNull(ctx.queryParam("environment")), from, to, limit, cursor));
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("items", Json.mapper().valueToTree(page.items()));
        body.put("next", page.next() == null ? null : encodeCursor(page.next()));
        ctx.json(body);
    }

    /** A deployment with its delivery state on every sink. */
    private ObjectNode view(Deployment d) {
        ObjectNode node = Json.mapper().valueToTree(d);
        node.set("deliveries", Json.mapper().valueToTree(markers.deliveries(d.id())));
        return node;
    }

    static String encodeCursor(DeploymentQuery.Cursor c) {
        String raw = c.startedAt().toEpochMilli() + ":" + c.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static DeploymentQuery.Cursor decodeCursor(String text, Problems problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new DeploymentQuery.Cursor(Times.inRange(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    "cursor"), raw.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | InputException e) {
            problems.add("cursor", "'" + text + "' is not a cursor this server gave out",
                    "pass the 'next' value of the previous page unchanged");
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
