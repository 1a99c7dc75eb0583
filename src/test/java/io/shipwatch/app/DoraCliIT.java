package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.cli.DoraCommand;
import io.shipwatch.cli.IncidentCommand;
import io.shipwatch.json.Json;
import io.shipwatch.testing.DoraScenarios;
import io.shipwatch.testing.Http;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DORA scenario table through {@code shipwatch dora report}, and incidents through {@code shipwatch incident}. */
class DoraCliIT extends ScenarioServer {

    record Run(int exit, String out, String err) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioThroughTheCli(DoraScenarios.Scenario scenario) throws IOException {
        String base = load(scenario.json());
        JsonNode window = scenario.json().get("window");
        Run run = dora(base, "report", "--from", window.get("from").asText(), "--to", window.get("to").asText(),
                "--output", "json");
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        JsonNode report = Json.mapper().readTree(run.out());
        assertThat(DoraScenarios.figures(report)).isEqualTo(scenario.expectedMetrics());
        assertThat(report.get("levelsFrom").asText()).isEqualTo("DORA 2023");
    }

    @Test
    void tableNamesTheLevelsYearAndSaysNoDataInsteadOfZero() {
        String base = load(0);
        Run run = dora(base, "report", "--service", "checkout", "--last", "30d");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("DORA report: service checkout, production environments, "
                + "2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z (levels: DORA 2023)\n\n");
        assertThat(run.out()).contains(
                "Deployment frequency             3 deployments (0.7 a week, 0.1 a day; median 0 deployment days a week)  medium",
                "Lead time for changes            median 13 h, p90 27 h over 4 changes",
                "Change failure rate              33.33 % (1 of 3 deployments)",
                "Time to restore                  no resolved incidents",
                "no data",
                "Failed deployments\n- 2026-11-05T10:00:00Z checkout production 1.1: rolled back (recovered after 30 min)",
                "Slowest changes\n- c3 checkout production: 27 h");
    }

    @Test
    void markdownIsATable() {
        String base = load(0);
        Run run = dora(base, "report", "--from", "2026-11-02T00:00:00Z", "--to", "2026-11-30T00:00:00Z",
                "--output", "markdown");
        assertThat(run.out()).startsWith("## DORA report: all services, production environments, "
                + "2026-11-02T00:00:00Z to 2026-11-30T00:00:00Z (levels: DORA 2023)\n\n| metric | value | level |\n| --- | --- | --- |\n");
        assertThat(run.out()).contains("| Change failure rate | 33.33 % (1 of 3 deployments) | low |",
                "\n### Failed deployments\n");
    }

    @Test
    void badFlagsExit2WithOneLine() {
        String base = load(0);
        Run run = dora(base, "report", "--last", "30", "--output", "yaml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--output: unknown format 'yaml'; use table, json or markdown / "
                + "--last: '30' has no unit; use a duration such as 10m or 1h\n");
        Run staging = dora(base, "report", "--env", "staging");
        assertThat(staging.exit()).isEqualTo(1);
        assertThat(staging.err()).contains("refused: 400 Bad Request: environment: 'staging' is not a production environment");
    }

    @Test
    void incidentOpenAndResolveFeedTimeToRestore() {
        String base = load(0);
        Run open = incident(base, "open", "--service", "checkout", "--env", "production", "--title", "card payments fail",
                "--opened-at", "2026-11-20T10:00:00Z", "--severity", "sev1");
        assertThat(open.err()).isEmpty();
        String id = open.out().trim();
        assertThat(Http.get(base + "/api/v1/incidents/" + id).json().get("resolvedAt")).isNull();
        Run resolve = incident(base, "resolve", "--id", id, "--resolved-at", "2026-11-20T10:30:00Z");
        assertThat(resolve.exit()).isZero();
        assertThat(resolve.out().trim()).isEqualTo(id);
        JsonNode report = Http.get(base + "/api/v1/dora?from=2026-11-02T00:00:00Z&to=2026-11-30T00:00:00Z").json();
        assertThat(report.get("timeToRestore").get("medianHours").asDouble()).isEqualTo(0.5);
        assertThat(report.get("timeToRestore").get("level").asText()).isEqualTo("elite");

        Run again = incident(base, "resolve", "--id", id, "--resolved-at", "2026-11-20T11:00:00Z");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("409 Conflict: resolvedAt: incident " + id
                + " was already resolved at 2026-11-20T10:30:00Z");
        Run bad = incident(base, "open", "--service", "checkout", "--env", "production", "--title", "x",
                "--opened-at", "noon");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("--opened-at: 'noon' is not an RFC 3339 time; use a time such as "
                + "2026-11-26T14:04:00Z\n");
    }

    private static Run dora(String base, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DoraCommand.commandLine(Map.of("SHIPWATCH_SERVER", base), CLOCK, new PrintWriter(out),
                new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run incident(String base, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = IncidentCommand.commandLine(Map.of("SHIPWATCH_SERVER", base), new PrintWriter(out),
                new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
