package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.HeadlessChromium;
import io.shipwatch.testing.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The gates and canaries page in headless Chromium on the demo's verdicts: the failed gate of the bad checkout
 * release with its objectives and scores, its rolled-back canary run with charts and reason, and the links to them
 * from the service page and from the deployment.
 */
class GatesPageIT {
    @TempDir
    static Path dir;

    private static WebDriver browser;
    private static ShipwatchServer server;
    private static String base;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start(dir);
        Clock clock = Clock.systemUTC();
        DemoData demo = new DemoData(clock.instant());
        server = new ShipwatchServer(ServerSettings.resolve(0, "127.0.0.1", "jdbc:sqlite:" + dir.resolve("demo.db"),
                Config.empty(), Map.of()), clock);
        base = "http://127.0.0.1:" + server.start();
        demo.load(server.markers());
        assertThat(demo.loadGates(server)).isPositive();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void demoHasPassesAWarningAFailAndBothCanaryEndings() {
        JsonNode gates = Http.get(base + "/api/v1/gates/verdicts?limit=100").json().get("items");
        List<String> results = new ArrayList<>();
        gates.forEach(g -> results.add(g.get("service").asText() + ":" + g.get("result").asText()));
        assertThat(results).contains("checkout:fail", "search:warning", "payments:pass", "inventory:pass");
        assertThat(results).filteredOn(r -> r.endsWith(":fail")).containsExactly("checkout:fail");
        JsonNode canaries = Http.get(base + "/api/v1/canaries/analyses").json().get("items");
        List<String> outcomes = new ArrayList<>();
        canaries.forEach(c -> outcomes.add(c.get("service").asText() + ":" + c.get("outcome").asText()));
        assertThat(outcomes).containsExactlyInAnyOrder("checkout:rolled_back", "payments:promoted");
    }

    @Test
    void failedGateShowsItsObjectivesScoresTargetsAndReason() {
        open(base + "/?page=verdicts&service=checkout");
        WebElement failed = browser.findElement(By.cssSelector("[data-testid=gate-row][data-result=fail]"));
        failed.findElement(By.linkText("release-health")).click();
        awaitSettled();

        WebElement detail = browser.findElement(By.cssSelector("[data-testid=gate-detail]"));
        assertThat(detail.getAttribute("data-result")).isEqualTo("fail");
        assertThat(detail.findElement(By.cssSelector("[data-testid=reason]")).getText())
                .startsWith("key objective 'error_ratio' failed");
        assertThat(detail.findElement(By.cssSelector("[data-testid=total-score]")).getText())
                .contains("of 100", "pass at 90, warning at 75");
        List<WebElement> objectives = detail.findElements(By.cssSelector("[data-testid=objective-row]"));
        assertThat(objectives).extracting(o -> o.getAttribute("data-name") + "=" + o.getAttribute("data-result"))
                .containsExactly("error_ratio=fail", "p95_latency_seconds=fail", "saturation=pass",
                        "requests_per_second=info");
        WebElement errors = objectives.get(0);
        assertThat(errors.getText()).contains("< 0.01", "< 0.02", "http_requests_total", "(key)");
        assertThat(errors.findElement(By.cssSelector("[data-testid=objective-score]")).getText()).isEqualTo("0 / 2");
        assertThat(objectives.get(2).findElement(By.cssSelector("[data-testid=objective-score]")).getText())
                .isEqualTo("1 / 1");
    }

    @Test
    void rolledBackCanaryShowsItsReasonStepsAndChartsPerMetric() {
        open(base + "/?page=verdicts&service=checkout");
        browser.findElement(By.cssSelector("[data-testid=canary-row][data-outcome=rolled_back]"))
                .findElement(By.linkText("checkout-canary")).click();
        awaitSettled();

        WebElement detail = browser.findElement(By.cssSelector("[data-testid=canary-detail]"));
        assertThat(detail.getAttribute("data-outcome")).isEqualTo("rolled_back");
        assertThat(detail.findElement(By.cssSelector("[data-testid=reason]")).getText())
                .startsWith("analysis failed at step 2/5").contains("critical metric 'error_ratio' failed");
        assertThat(detail.findElements(By.cssSelector("[data-testid=step-row]")))
                .extracting(s -> s.getAttribute("data-kind") + ":" + s.getAttribute("data-phase"))
                .containsExactly("setWeight:", "analyze:failed");
        List<WebElement> metrics = detail.findElements(By.cssSelector("[data-testid=canary-metric]"));
        assertThat(metrics).extracting(m -> m.getAttribute("data-metric"))
                .containsExactly("error_ratio", "latency_seconds", "cpu_ratio");
        WebElement errors = metrics.get(0);
        assertThat(errors.getAttribute("data-outcome")).isEqualTo("high");
        assertThat(errors.getText()).contains("Mann–Whitney", "p = ", "at 98% confidence", "Shift (Hodges–Lehmann)",
                "interval [", "canary higher");
        for (WebElement chart : detail.findElements(By.cssSelector("[data-testid=canary-chart]"))) {
            assertThat(chart.findElements(By.tagName("canvas"))).as(chart.getAttribute("data-metric")).isNotEmpty();
        }
        assertThat(detail.findElements(By.cssSelector("[data-testid=canary-chart]"))).hasSize(3);
    }

    @Test
    void servicePageListsTheServicesVerdictsAndEachDeploymentLinksToItsOwn() {
        open(base + "/?service=checkout&environment=production&range=6h");
        WebElement section = new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
            WebElement s = b.findElement(By.cssSelector("[data-testid=service-verdicts]"));
            return s.findElements(By.cssSelector("[data-testid=gate-row]")).isEmpty() ? null : s;
        });
        assertThat(section.findElements(By.cssSelector("[data-testid=canary-row][data-outcome=rolled_back]")))
                .hasSize(1);
        WebElement bad = browser.findElement(By.cssSelector("[data-testid=deployment-row][data-status=rolled_back]"));
        String deploymentId = bad.getAttribute("data-deployment-id");
        bad.findElement(By.cssSelector("[data-testid=deployment-verdicts]")).click();
        awaitSettled();

        assertThat(browser.getCurrentUrl()).endsWith("/?page=verdicts&deploymentId=" + deploymentId);
        assertThat(browser.findElement(By.cssSelector("[data-testid=deployment-filter]")).getText())
                .contains(deploymentId);
        assertThat(browser.findElements(By.cssSelector("[data-testid=gate-row]")))
                .extracting(r -> r.getAttribute("data-result")).containsExactly("fail");
        assertThat(browser.findElements(By.cssSelector("[data-testid=canary-row]")))
                .extracting(r -> r.getAttribute("data-outcome")).containsExactly("rolled_back");

        browser.findElement(By.cssSelector("[data-testid=canary-row] a")).click();
        awaitSettled();
        browser.findElement(By.cssSelector("[data-testid=deployment-link]")).click();
        awaitSettled();
        assertThat(browser.getCurrentUrl()).endsWith("/?page=verdicts&deploymentId=" + deploymentId);
    }

    @Test
    void badAnalysesAndListQueriesAreRefusedWithProblems() {
        Http.Response notJson = Http.post(base + "/api/v1/canaries/analyses", "[1]");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");

        Http.Response bad = Http.post(base + "/api/v1/canaries/analyses", """
                {"canary": "c", "kind": "judge", "outcome": "maybe", "startedAt": "2026-11-26T14:00:00Z",
                 "finishedAt": "2026-11-26T13:00:00Z", "confidence": 2, "colour": "red",
                 "steps": [{"kind": "analyze", "weightPercent": 150, "judgements": [{"from": "2026-11-26T13:00:00Z",
                   "to": "2026-11-26T14:00:00Z", "decision": "rollback",
                   "metrics": [{"name": "errors", "outcome": "high", "canary": [0.1, "x"], "baseline": []}]}]}]}
                """);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("colour", "outcome", "finishedAt", "confidence",
                "steps[0].weightPercent", "steps[0].judgements[0].metrics[0].canary[1]");
        assertThat(Http.get(base + "/api/v1/canaries/analyses?limit=0").status()).isEqualTo(400);
        assertThat(Http.get(base + "/api/v1/gates/verdicts?limit=101").status()).isEqualTo(400);
        assertThat(Http.get(base + "/api/v1/gates/verdicts?service=%20x").status()).isEqualTo(400);
        assertThat(Http.get(base + "/api/v1/canaries/analyses/nope").status()).isEqualTo(404);
        assertThat(Http.get(base + "/api/v1/canaries/analyses").json().get("items")).hasSize(2);

        Http.Response targets = Http.post(base + "/api/v1/gates/results", """
                {"gate": "g", "result": "pass", "window": {"start": "2026-11-26T13:00:00Z", "end": "2026-11-26T14:00:00Z"},
                 "objectives": [{"name": "e", "value": 1, "score": "high"}], "totalScore": {"pass": "ninety"}}
                """);
        assertThat(targets.status()).isEqualTo(400);
        List<String> gateFields = new ArrayList<>();
        targets.json().get("errors").forEach(e -> gateFields.add(e.get("field").asText()));
        assertThat(gateFields).containsExactlyInAnyOrder("objectives[0].score", "totalScore.pass");
    }

    private static void open(String url) {
        browser.get(url);
        awaitSettled();
        assertThat(browser.findElement(By.id("main")).getAttribute("data-state"))
                .as("page state: " + browser.findElement(By.id("main")).getText()).isEqualTo("ready");
    }

    private static void awaitSettled() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b ->
                !"loading".equals(b.findElement(By.id("main")).getAttribute("data-state")));
    }
}
