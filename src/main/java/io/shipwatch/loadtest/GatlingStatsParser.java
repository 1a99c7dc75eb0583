package io.shipwatch.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gatling's report statistics: {@code js/stats.json} (the "All Requests" group with every request and group under
 * {@code contents}) or {@code js/global_stats.json} (the totals alone). Gatling does not write which percentiles its
 * {@code percentiles1..4} are; they are read as its defaults (50, 75, 95, 99), so change them back in gatling.conf
 * ({@code charting.indicators.percentile1..4}) if you moved them.
 */
public final class GatlingStatsParser implements LoadTestParser {
    private static final String HINT = "pass js/stats.json or js/global_stats.json from a Gatling report";

    @Override
    public String name() {
        return "gatling-stats";
    }

    @Override
    public String description() {
        return "Gatling report js/stats.json or js/global_stats.json";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String head = sniff.trimmedHead();
        return head.startsWith("{") && head.contains("\"numberOfRequests\"");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        JsonNode root = JsonFiles.read(in, source, HINT);
        List<LabelSummary> labels = new ArrayList<>();
        LabelSummary total;
        if (root.has("stats")) {
            total = summary("total", root.path("stats"), source + ": stats");
            collect(root.path("contents"), source + ": contents", labels);
        } else {
            total = summary("total", root, source);
        }
        return new LoadTestResult(name(), source, false, null, null, total, labels, Map.of(), List.of(),
                List.of("Gatling's own aggregates; percentiles1, 3 and 4 read as Gatling's default 50th, 95th and "
                        + "99th percentiles"));
    }

    private static void collect(JsonNode contents, String where, List<LabelSummary> labels) {
        for (JsonNode entry : contents) {
            String path = entry.path("path").asText(entry.path("name").asText());
            if ("REQUEST".equals(entry.path("type").asText())) {
                labels.add(summary(path, entry.path("stats"), where + "." + entry.path("pathFormatted").asText()));
            } else {
                collect(entry.path("contents"), where, labels);
            }
        }
    }

    private static LabelSummary summary(String label, JsonNode stats, String where) {
        JsonNode requests = stats.path("numberOfRequests");
        if (!requests.path("total").isIntegralNumber()) {
            throw new InputException(where + ".numberOfRequests.total", "is " + requests.path("total")
                    + ", expected a whole number", HINT);
        }
        return new LabelSummary(label, requests.path("total").asLong(), requests.path("ko").asLong(),
                total(stats, "meanNumberOfRequestsPerSecond", where), total(stats, "meanResponseTime", where),
                total(stats, "minResponseTime", where), total(stats, "maxResponseTime", where),
                total(stats, "percentiles1", where), null, total(stats, "percentiles3", where),
                total(stats, "percentiles4", where), null);
    }

    /** The {@code total} of a statistic; Gatling writes "-" where there is no value. */
    private static Double total(JsonNode stats, String field, String where) {
        JsonNode v = stats.path(field).path("total");
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isMissingNode() || v.isNull() || "-".equals(v.asText())) {
            return null;
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            throw new InputException(where + "." + field + ".total", "is " + v + ", expected a number", HINT);
        }
    }
}
