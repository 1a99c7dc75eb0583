package io.shipwatch.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code statistics.json} of JMeter's HTML dashboard: one object per label and {@code Total}. JMeter computes
 * its percentiles over a sliding window of the last 20 000 samples of each label
 * ({@code jmeter.reportgenerator.statistic_window}), and {@code pct1..3ResTime} are read as its defaults (90, 95, 99).
 */
public final class JMeterStatisticsParser implements LoadTestParser {
    private static final String HINT = "pass the statistics.json of a report made with jmeter -g results.jtl -o DIR";

    @Override
    public String name() {
        return "jmeter-statistics";
    }

    @Override
    public String description() {
        return "JMeter dashboard statistics.json";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String head = sniff.trimmedHead();
        return head.startsWith("{") && head.contains("\"sampleCount\"") && head.contains("\"meanResTime\"");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        JsonNode root = JsonFiles.read(in, source, HINT);
        LabelSummary total = null;
        List<LabelSummary> labels = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("Total")) {
                total = summary("total", e.getValue(), source + ": Total");
            } else {
                labels.add(summary(e.getKey(), e.getValue(), source + ": " + e.getKey()));
            }
        }
        if (total == null) {
            throw new InputException(source, "has no 'Total' entry", HINT);
        }
        return new LoadTestResult(name(), source, false, null, null, total, labels, Map.of(), List.of(),
                List.of("JMeter's own aggregates: its percentiles cover only the last 20000 samples of each label "
                        + "(jmeter.reportgenerator.statistic_window); pct1..3ResTime read as its default 90, 95, 99"));
    }

    private static LabelSummary summary(String label, JsonNode node, String where) {
        return new LabelSummary(label, (long) number(node, "sampleCount", where),
                (long) number(node, "errorCount", where), number(node, "throughput", where),
                number(node, "meanResTime", where), number(node, "minResTime", where), number(node, "maxResTime", where),
                number(node, "medianResTime", where), number(node, "pct1ResTime", where),
                number(node, "pct2ResTime", where), number(node, "pct3ResTime", where), null);
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isNumber()) {
            throw new InputException(where + "." + field, "is " + (v.isMissingNode() ? "missing" : v.toString())
                    + ", expected a number", HINT);
        }
        return v.asDouble();
    }
}
