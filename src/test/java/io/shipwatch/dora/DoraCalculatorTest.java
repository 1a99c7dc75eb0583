package io.shipwatch.dora;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.json.Json;
import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.testing.DoraScenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DoraCalculatorTest {

    static Stream<DoraScenarios.Scenario> scenarios() {
        return DoraScenarios.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioGivesTheHandWorkedFigures(DoraScenarios.Scenario scenario) {
        DoraReport report = calculate(scenario.json());
        JsonNode actual = Json.treeWithNulls(DoraView.metrics(report.metrics()));
        assertThat(DoraScenarios.figures(actual)).isEqualTo(scenario.expectedMetrics());
        assertThat(actual.get("levelsFrom").asText()).isEqualTo("DORA 2023");

        Map<String, List<String>> failed = new TreeMap<>();
        report.failedDeployments().forEach(f -> failed.put(f.deploymentId(),
                f.reasons().stream().map(DoraReport.Reason::kind).toList()));
        Map<String, List<String>> expected = new TreeMap<>();
        scenario.json().get("expected").get("failed").fields().forEachRemaining(e -> {
            List<String> kinds = new ArrayList<>();
            e.getValue().forEach(k -> kinds.add(k.asText()));
            expected.put(e.getKey(), kinds);
        });
        assertThat(failed).isEqualTo(expected);
    }

    @Test
    void weeklySeriesSplitsTheWindowIntoIsoWeeks() {
        DoraReport report = calculate(scenario("staging ignored, incidents inside and outside the link window"));
        assertThat(report.weeks()).extracting(w -> w.weekStart().toString())
                .containsExactly("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23");
        assertThat(report.weeks()).extracting(w -> w.metrics().deploymentFrequency().deployments())
                .containsExactly(0, 2, 1, 0);
        assertThat(report.weeks().get(1).metrics().changeFailureRate().rate()).isEqualTo(0.5);
        assertThat(report.weeks().get(0).metrics().changeFailureRate().rate()).isNull();
    }

    @Test
    void drillDownListsSlowestChangesFirstWithTheirPullRequest() {
        DoraReport report = calculate(scenario("a first deployment without commits, a squash merge, a fix"));
        assertThat(report.slowestChanges()).extracting(DoraReport.Change::sha).containsExactly("sq1", "c8", "c9");
        DoraReport.Change squash = report.slowestChanges().get(0);
        assertThat(squash.fromPullRequest()).isTrue();
        assertThat(squash.startedAt()).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
        assertThat(squash.message()).isEqualTo("Add search (#7)");
        DoraReport.FailedDeployment a2 = report.failedDeployments().get(0);
        assertThat(a2.reasons()).containsExactly(new DoraReport.Reason("fixed_by", "fixed by 3.1.1", "a3"));
        assertThat(a2.recoveredAt()).isEqualTo(Instant.parse("2026-11-05T11:00:00Z"));
    }

    @Test
    void incidentAfterTheNextDeploymentIsNotBlamedOnTheEarlierOne() {
        Deployment first = deployment("d1", "2026-11-03T10:00:00Z", DeploymentStatus.SUCCEEDED);
        Deployment next = deployment("d2", "2026-11-03T11:00:00Z", DeploymentStatus.SUCCEEDED);
        Incident incident = new Incident("i1", "svc", "production", "errors", null,
                Instant.parse("2026-11-03T12:00:00Z"), null, null, "api", null);
        DoraReport report = new DoraCalculator(new DoraInput(List.of(first, next), List.of(incident), List.of(),
                Map.of()), DoraSettings.defaults()).report(window("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"));
        assertThat(report.failedDeployments()).extracting(DoraReport.FailedDeployment::deploymentId)
                .containsExactly("d2");
        assertThat(report.failedDeployments().get(0).recoveredAt()).isNull(); // still open: no recovery time yet
        assertThat(report.metrics().failedDeploymentRecoveryTime().failures()).isZero();
    }

    @Test
    void linkWindowIsConfigurable() {
        Deployment d = deployment("d1", "2026-11-03T10:00:00Z", DeploymentStatus.SUCCEEDED);
        Incident late = new Incident("i1", "svc", "production", "errors", null,
                Instant.parse("2026-11-04T12:00:00Z"), Instant.parse("2026-11-04T13:00:00Z"), null, "api", null);
        DoraInput input = new DoraInput(List.of(d), List.of(late), List.of(), Map.of());
        TimeWindow week = window("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z");
        assertThat(new DoraCalculator(input, DoraSettings.defaults()).metrics(week).changeFailureRate().failed())
                .isZero();
        DoraSettings twoDays = new DoraSettings(Set.of("production"), Duration.ofHours(48));
        assertThat(new DoraCalculator(input, twoDays).metrics(week).changeFailureRate().failed()).isEqualTo(1);
    }

    @Test
    void commitAfterItsDeploymentIsLeftOutNotCountedAsZero() {
        Deployment d = new Deployment("d1", "svc", "production", "1", DeploymentStatus.SUCCEEDED,
                Instant.parse("2026-11-03T09:00:00Z"), Instant.parse("2026-11-03T10:00:00Z"), null, null,
                List.of(new Commit("skewed", Instant.parse("2026-11-03T11:00:00Z")),
                        new Commit("ok", Instant.parse("2026-11-03T08:00:00Z"))),
                null, null, null, null, Map.of(), null, null, null);
        DoraReport.LeadTime lead = new DoraCalculator(new DoraInput(List.of(d), List.of(), List.of(), Map.of()),
                DoraSettings.defaults()).metrics(window("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"))
                .leadTimeForChanges();
        assertThat(lead.changes()).isEqualTo(1);
        assertThat(lead.medianHours()).isEqualTo(2.0);
    }

    // --- building the domain input from a scenario ---

    static DoraReport calculate(JsonNode s) {
        Set<String> production = new HashSet<>();
        if (s.has("productionEnvironments")) {
            s.get("productionEnvironments").forEach(e -> production.add(e.asText()));
        } else {
            production.addAll(DoraSettings.DEFAULT_PRODUCTION);
        }
        List<Deployment> deployments = new ArrayList<>();
        s.get("deployments").forEach(d -> deployments.add(deployment(d)));
        List<Incident> incidents = new ArrayList<>();
        s.path("incidents").forEach(i -> incidents.add(new Incident(i.get("name").asText(), i.get("service").asText(),
                i.get("environment").asText(), i.get("title").asText(), null, time(i, "openedAt"),
                time(i, "resolvedAt"), text(i, "deployment"), "api", null)));
        List<FailedCheck> checks = new ArrayList<>();
        s.path("failedChecks").forEach(c -> checks.add(new FailedCheck(c.get("deployment").asText(),
                c.get("kind").asText(), c.get("name").asText(), time(c, "failedAt"), text(c, "detail"))));
        Map<String, Instant> starts = new HashMap<>();
        s.path("pullRequests").forEach(p -> starts.put(p.get("mergeCommitSha").asText(), time(p, "firstCommitAt")));
        DoraSettings settings = new DoraSettings(production, DoraSettings.DEFAULT_LINK_WINDOW);
        return new DoraCalculator(new DoraInput(deployments, incidents, checks, starts), settings)
                .report(new TimeWindow(time(s.get("window"), "from"), time(s.get("window"), "to")));
    }

    private static Deployment deployment(JsonNode d) {
        List<Commit> commits = new ArrayList<>();
        d.path("commits").forEach(c -> commits.add(new Commit(c.get("sha").asText(), time(c, "committedAt"), null,
                text(c, "message"))));
        Instant finished = time(d, "finishedAt");
        return new Deployment(d.get("name").asText(), d.get("service").asText(), d.get("environment").asText(),
                d.get("version").asText(), DeploymentStatus.parse(d.get("status").asText(), "status"),
                finished.minusSeconds(600), finished, null, null, commits, null, null, null, null, Map.of(), null,
                null, null, d.has("kind") ? DeploymentKind.parse(d.get("kind").asText(), "kind") : null,
                text(d, "fixes"));
    }

    private static Deployment deployment(String id, String finishedAt, DeploymentStatus status) {
        Instant finished = Instant.parse(finishedAt);
        return new Deployment(id, "svc", "production", id, status, finished.minusSeconds(60), finished, null, null,
                List.of(), null, null, null, null, Map.of(), null, null, null);
    }

    private static JsonNode scenario(String name) {
        return DoraScenarios.all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().json();
    }

    private static TimeWindow window(String from, String to) {
        return new TimeWindow(Instant.parse(from), Instant.parse(to));
    }

    private static Instant time(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
