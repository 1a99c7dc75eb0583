package io.shipwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.app.Config;
import io.shipwatch.app.ServerSettings;
import io.shipwatch.app.ShipwatchServer;
import io.shipwatch.loadtest.JMeterRuns;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.LoadTestRunJson;
import io.shipwatch.loadtest.RunStatus;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

/** The load-test pages in headless Chromium: a scenario's history with deployment markers, and a run's verdict. */
class LoadtestWebUiIT {
    @TempDir
    static Path dir;

    private static WebDriver browser;
    private static ShipwatchServer server;
    private static String base;
    private static String regressionId;
    private static String firstId;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start(dir);
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
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servicesPageListsTheScenarioAndLinksToItsHistory() {
        open(base + "/");

        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=scenario-row]"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("checkout", "smoke", "3.0", "failed");
        rows.get(0).findElement(By.linkText("checkout")).click();
        awaitSettled();

        assertThat(browser.getCurrentUrl()).endsWith("/?loadtest=checkout&scenario=smoke");
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-row]"))).hasSize(3);
    }

    @Test
    void historyShowsEveryRunAndTheDeploymentMarkerOnBothCharts() {
        open(base + "/?loadtest=checkout&scenario=smoke");

        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=run-row]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-version") + "=" + r.getAttribute("data-status"))
                .containsExactly("3.0=failed", "2.0=passed", "1.0=passed");
        for (String chart : List.of("chart-loadtest_p95", "chart-loadtest_error_rate")) {
            WebElement c = browser.findElement(By.cssSelector("[data-testid=" + chart + "]"));
            assertThat(c.findElements(By.tagName("canvas"))).as(chart).isNotEmpty();
            assertThat(c.findElements(By.cssSelector("[data-testid=marker]"))).as(chart)
                    .extracting(m -> m.getAttribute("data-version")).containsExactly("3.0");
        }
        assertThat(browser.getTitle()).isEqualTo("checkout · smoke load tests · Shipwatch");

        rows.get(0).findElement(By.linkText("3.0")).click();
        awaitSettled();
        assertThat(browser.getCurrentUrl()).endsWith("/?loadtest=checkout&scenario=smoke&run=" + regressionId);
    }

    @Test
    void runPageFailsTheSlowerEndpointOnlyAndDrawsBothCurves() {
        open(base + "/?loadtest=checkout&scenario=smoke&run=" + regressionId);

        WebElement verdict = browser.findElement(By.cssSelector("[data-testid=verdict]"));
        assertThat(verdict.getAttribute("data-result")).isEqualTo("fail");
        assertThat(verdict.getText()).contains("against version 2.0");
        for (WebElement row : browser.findElements(By.cssSelector("[data-testid=verdict-row]"))) {
            String label = row.getAttribute("data-label");
            if (!label.equals("POST /cart")) {
                assertThat(row.getAttribute("data-result")).as(label + " " + row.getAttribute("data-metric"))
                        .isEqualTo("pass");
            }
        }
        assertThat(browser.findElement(By.cssSelector(
                "[data-testid=verdict-row][data-label='POST /cart'][data-metric=mean]")).getAttribute("data-result"))
                .isEqualTo("fail");
        List<WebElement> curves = browser.findElements(By.cssSelector("[data-testid=curve-chart]"));
        assertThat(curves).extracting(c -> c.getAttribute("data-label"))
                .containsExactlyInAnyOrder("GET /products", "POST /cart", "GET /checkout");
        for (WebElement c : curves) {
            assertThat(c.findElements(By.tagName("canvas"))).isNotEmpty();
        }
        assertThat(browser.findElement(By.cssSelector(".panels")).getText()).contains("baseline", "candidate");
    }

    @Test
    void theFirstRunHasNoBaselineAndSaysSo() {
        open(base + "/?loadtest=checkout&scenario=smoke&run=" + firstId);

        assertThat(browser.findElement(By.cssSelector("[data-testid=no-baseline]")).getText())
                .startsWith("No passed run was recorded before this one");
        assertThat(browser.findElements(By.cssSelector("[data-testid=curve-chart]"))).hasSize(3);
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
