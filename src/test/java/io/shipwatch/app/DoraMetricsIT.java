package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DORA gauges on /metrics over the rolling 30 days, and the Grafana dashboard built on them. */
class DoraMetricsIT extends ScenarioServer {
    static final Path DASHBOARD = Path.of("grafana/shipwatch-dora.json");
    private static final Pattern METRIC = Pattern.compile("\\b(shipwatch_[a-z0-9_]+)\\b");

    @Test
    void gaugesCarryTheRolling30DayFiguresAndLeaveOutWhatHasNoData() {
        String metrics = scrapeAfterScenario(0);
        String unit = "{environment=\"production\",service=\"checkout\"}";
        // the clock is 2026-12-01: the window is Nov 1 to Dec 1, 30 days with 3 deployments
        assertThat(metrics).contains("shipwatch_dora_deployments" + unit + " 3.0",
                "shipwatch_dora_deployments_per_day" + unit + " 0.1",
                "shipwatch_dora_lead_time_median_seconds" + unit + " 46800.0",
                "shipwatch_dora_lead_time_p90_seconds" + unit + " 97200.0",
                "shipwatch_dora_change_failure_ratio" + unit + " 0.3333333333333333",
                "shipwatch_dora_failed_deployment_recovery_median_seconds" + unit + " 1800.0");
        assertThat(metrics).doesNotContain("shipwatch_dora_time_to_restore_median_seconds"); // no incidents: no sample
    }

    @Test
    void dashboardHasTheDoraTilesTrendsAndDeploymentAnnotations() throws IOException {
        JsonNode dashboard = Json.mapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("shipwatch-dora");
        List<String> stats = new ArrayList<>();
        List<String> trends = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            (panel.get("type").asText().equals("stat") ? stats : trends).add(panel.get("title").asText());
            assertThat(panel.get("type").asText()).isIn("stat", "timeseries");
            assertThat(panel.get("targets")).isNotEmpty();
            panel.get("targets").forEach(t -> assertThat(t.get("expr").asText())
                    .as(panel.get("title").asText()).contains("service=~\"$service\"", "environment=~\"$environment\""));
        }
        assertThat(stats).containsExactly("Deployment frequency (per week)", "Lead time for changes (median)",
                "Change failure rate", "Time to restore (median)", "Failed deployment recovery time (median)");
        assertThat(trends).hasSize(4);
        JsonNode annotation = dashboard.get("annotations").get("list").get(1);
        assertThat(annotation.get("expr").asText()).startsWith("changes(shipwatch_deployment_last_timestamp_seconds");
        List<String> variables = new ArrayList<>();
        dashboard.get("templating").get("list").forEach(v -> variables.add(v.get("name").asText()));
        assertThat(variables).containsExactly("datasource", "service", "environment");
    }

    @Test
    void everyDashboardQueryParsesAndNamesAMetricShipwatchExports() throws Exception {
        String metrics = scrapeAfterScenario(1); // the scenario with incidents: every gauge has a sample
        List<String> exprs = exprs(Json.mapper().readTree(DASHBOARD.toFile()));
        Set<String> used = new TreeSet<>();
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).hasSizeGreaterThanOrEqualTo(8);
        used.forEach(name -> assertThat(metrics).as(name).contains("# TYPE " + name + " "));

        Path promtool = Requirements.executable("promtool");
        Requirements.require(promtool != null, "promtool (Debian package prometheus)");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            String expr = exprs.get(i).replace("$service", ".*").replace("$environment", ".*");
            rules.append("      - record: dashboard:expr").append(i).append("\n        expr: '")
                    .append(expr.replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("rules.yml"), rules);
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("SUCCESS: " + exprs.size() + " rules found");
    }

    private String scrapeAfterScenario(int index) {
        return Http.get(load(index) + "/metrics").body();
    }

    private static List<String> exprs(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        dashboard.get("annotations").get("list").forEach(a -> {
            if (a.has("expr")) {
                exprs.add(a.get("expr").asText());
            }
        });
        return exprs;
    }
}
