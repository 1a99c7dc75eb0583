package io.shipwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.app.Config;
import io.shipwatch.app.ServerSettings;
import io.shipwatch.app.ShipwatchServer;
import io.shipwatch.loadtest.JMeterRuns;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.LoadTestRunJson;
import io.shipwatch.loadtest.RunStatus;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.UiBrowser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.Select;

/**
 * The load-test pages in headless Chromium: a scenario's builds in build order (the failed one red, the baseline
 * marked, one label or the whole run), and a run against its baseline (log latency axis, error change in points).
 */
class LoadtestWebUiIT {
    private static final Color FAIL_RED = Color.fromString("#f2495c"); // --fail in shipwatch.css

    @TempDir
    static Path dir;

    private static UiBrowser browser;
    private static ShipwatchServer server;
    private static String base;
    private static String regressionId;
    private static String firstId;

    @BeforeAll
    static void start() {
        browser = UiBrowser.start(dir);
        ServerSettings settings = ServerSettings.resolve(0, "127.0.0.1", "jdbc:sqlite:" + dir.resolve("ui.db"),
                Config.empty(), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
        firstId = record("1.0", RunStatus.PASSED, 1, null);
        record("2.0", RunStatus.PASSED, 2, null);
        assertThat(Http.post(base + "/api/v1/deployments",
                "{\"service\":\"checkout\",\"environment\":\"production\",\"version\":\"3.0\"}").status()).isEqualTo(201);
        regressionId = record("3.0", RunStatus.FAILED, 3, "POST /cart");
    }

    private static String record(String version, RunStatus status, long seed, String slower) {
        Path file = JMeterRuns.write(dir.resolve(version + ".jtl"), seed, 800, slower, 25);
        LoadTestRun run = new LoadTestRun(null, "checkout", "smoke", version, status, null,
                LoadTestParsers.read(file, "auto"), List.of());
        Http.Response created = Http.post(base + "/api/v1/loadtest/runs", LoadTestRunJson.write(run).toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servicesPageListsTheScenarioAndLinksToItsHistory() {
        browser.open(base + "/");

        List<WebElement> rows = browser.driver().findElements(By.cssSelector("[data-testid=scenario-row]"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("checkout", "smoke", "3.0", "failed");
        rows.get(0).findElement(By.linkText("checkout")).click();
        browser.awaitSettled();

        assertThat(browser.driver().getCurrentUrl()).endsWith("/?loadtest=checkout&scenario=smoke");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=run-row]"))).hasSize(3);
    }

    @Test
    void buildsApiListsRunsInBuildOrderWithStatusBaselineAndOneLabel() {
        JsonNode all = builds("");
        assertThat(all.path("items")).extracting(i -> i.path("version").asText() + "=" + i.path("status").asText()
                + (i.path("baseline").asBoolean() ? "*" : "")).containsExactly("1.0=passed", "2.0=passed*", "3.0=failed");
        assertThat(all.path("baselineRunId").asText()).isEqualTo(all.at("/items/1/id").asText());
        assertThat(all.path("labels")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(JMeterRuns.ENDPOINTS.keySet());
        JsonNode total = all.at("/items/2/summary");
        assertThat(total.path("count").asLong()).isEqualTo(2400);
        assertThat(total.has("histogram")).isFalse();

        JsonNode cart = builds("&label=" + URLEncoder.encode("POST /cart", StandardCharsets.UTF_8));
        assertThat(cart.at("/items/2/summary/count").asLong()).isEqualTo(800);
        assertThat(cart.at("/items/2/summary/p95Ms").asDouble()).isGreaterThan(cart.at("/items/1/summary/p95Ms").asDouble());
        assertThat(builds("&label=nothing").at("/items/0/summary").isNull()).isTrue();
        assertThat(builds("&limit=2").path("items")).extracting(i -> i.path("version").asText())
                .containsExactly("2.0", "3.0");

        Http.Response tooMany = Http.get(base + "/api/v1/loadtest/builds?service=checkout&scenario=smoke&limit=101");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("limit", "1 to 100");
        assertThat(Http.get(base + "/api/v1/loadtest/builds?scenario=smoke").status()).isEqualTo(400);
    }

    @Test
    void buildsChartsDrawBuildsInOrderTheFailedOneRedAndTheBaselineMarked() {
        browser.open(base + "/?loadtest=checkout&scenario=smoke");

        List<WebElement> rows = browser.driver().findElements(By.cssSelector("[data-testid=run-row]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-version") + "=" + r.getAttribute("data-status"))
                .containsExactly("3.0=failed", "2.0=passed", "1.0=passed");
        for (String chart : List.of("builds-latency", "builds-errors")) {
            WebElement c = browser.byTestId(chart);
            assertThat(c.findElements(By.tagName("canvas"))).as(chart).isNotEmpty();
            List<WebElement> marks = c.findElements(By.cssSelector("[data-testid=category-mark]"));
            assertThat(marks).as(chart).extracting(m -> m.getAttribute("data-index") + ":" + m.getAttribute("data-version")
                    + ":" + m.getAttribute("class")).containsExactly("1:2.0:category-mark run-baseline",
                    "2:3.0:category-mark run-failed");
            assertThat(Color.fromString(marks.get(1).getCssValue("border-top-color"))).as(chart).isEqualTo(FAIL_RED);
            assertThat(Color.fromString(marks.get(0).getCssValue("border-top-color"))).as(chart).isNotEqualTo(FAIL_RED);
            assertThat(marks.get(1).getText()).isEqualTo("✕");
        }
        assertThat(browser.driver().getTitle()).isEqualTo("checkout · smoke load tests · Shipwatch");

        WebElement tip = browser.hoverCategory(browser.byTestId("builds-latency"), 2, 3);
        assertThat(tip.getText()).contains("3.0 · failed", "p95\n" + cell(rows.get(0), 4), "Deployed\nproduction");
        tip = browser.hoverCategory(browser.byTestId("builds-errors"), 1, 3);
        assertThat(tip.getText()).contains("2.0 · passed · baseline", "Error rate\n" + cell(rows.get(1), 5));

        rows.get(0).findElement(By.linkText("3.0")).click();
        browser.awaitSettled();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/?loadtest=checkout&scenario=smoke&run=" + regressionId);
    }

    @Test
    void labelPickerShowsOneEndpointAcrossBuilds() {
        browser.open(base + "/?loadtest=checkout&scenario=smoke");
        new Select(browser.byTestId("label-picker")).selectByValue("POST /cart");
        browser.awaitSettled();

        assertThat(browser.driver().getCurrentUrl()).endsWith("/?loadtest=checkout&scenario=smoke&label=POST+%2Fcart");
        double p95 = builds("&label=POST+%2Fcart").at("/items/2/summary/p95Ms").asDouble();
        WebElement row = browser.driver().findElement(By.cssSelector("[data-testid=run-row][data-version='3.0']"));
        assertThat(cell(row, 3)).isEqualTo("800");
        assertThat(Double.parseDouble(cell(row, 4).replace(" ms", "").replace(",", ""))).isCloseTo(p95, within(p95 / 100));
        WebElement tip = browser.hoverCategory(browser.byTestId("builds-latency"), 2, 3);
        assertThat(tip.getText()).contains("p95\n" + cell(row, 4));
    }

    @Test
    void runPageDrawsCurvesOnALogAxisAndTheErrorChangeInPoints() {
        browser.open(base + "/?loadtest=checkout&scenario=smoke&run=" + regressionId);

        WebElement verdict = browser.byTestId("verdict");
        assertThat(verdict.getAttribute("data-result")).isEqualTo("fail");
        assertThat(verdict.getText()).contains("against version 2.0");
        for (WebElement row : browser.driver().findElements(By.cssSelector("[data-testid=verdict-row]"))) {
            String label = row.getAttribute("data-label");
            if (!label.equals("POST /cart")) {
                assertThat(row.getAttribute("data-result")).as(label + " " + row.getAttribute("data-metric"))
                        .isEqualTo("pass");
            }
        }
        assertThat(browser.driver().findElement(By.cssSelector(
                "[data-testid=verdict-row][data-label='POST /cart'][data-metric=mean]")).getAttribute("data-result"))
                .isEqualTo("fail");

        JsonNode comparison = Http.get(base + "/api/v1/loadtest/runs/" + regressionId + "/comparison").json();
        for (JsonNode label : comparison.at("/comparison/labels")) {
            for (JsonNode m : label.path("metrics")) {
                if (!m.path("metric").asText().equals("errorRate")) {
                    continue;
                }
                String shown = browser.driver().findElement(By.cssSelector("[data-testid=verdict-row][data-label='"
                        + label.path("label").asText() + "'][data-metric=errorRate] [data-testid=change]")).getText();
                assertThat(shown).endsWith(" pp").doesNotContain("%");
                double points = (m.path("candidate").asDouble() - m.path("baseline").asDouble()) * 100;
                assertThat(Double.parseDouble(shown.replace(" pp", "").replace('−', '-'))).isCloseTo(points, within(0.006));
            }
        }

        List<WebElement> curves = browser.driver().findElements(By.cssSelector("[data-testid=curve-chart]"));
        assertThat(curves).extracting(c -> c.getAttribute("data-label"))
                .containsExactlyInAnyOrder("GET /products", "POST /cart", "GET /checkout");
        for (WebElement c : curves) {
            assertThat(c.findElements(By.tagName("canvas"))).isNotEmpty();
            assertThat(c.getAttribute("data-y-scale")).isEqualTo("log");
            // latencies from about 15 to 700 ms: decades labelled in plain milliseconds
            assertThat(Arrays.asList(c.getAttribute("data-y-ticks").split("\\|")))
                    .contains("10 ms", "100 ms", "1000 ms").allMatch(t -> t.matches("[1-9][0-9]* ms"));
        }
        assertThat(browser.driver().findElement(By.cssSelector(".panels")).getText()).contains("baseline", "candidate");
    }

    @Test
    void theFirstRunHasNoBaselineAndSaysSo() {
        browser.open(base + "/?loadtest=checkout&scenario=smoke&run=" + firstId);

        assertThat(browser.byTestId("no-baseline").getText()).startsWith("No passed run was recorded before this one");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=curve-chart]"))).hasSize(3);
    }

    private static JsonNode builds(String query) {
        Http.Response r = Http.get(base + "/api/v1/loadtest/builds?service=checkout&scenario=smoke" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static String cell(WebElement row, int index) {
        return row.findElements(By.cssSelector("td, th")).get(index).getText();
    }
}
