package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.UiBrowser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.Color;

/**
 * Every page of {@code shipwatch demo}, filled as the command fills it, in headless Chromium: the bad release's error
 * spike still visible at 30 days, the pipeline run's 760-case suite collapsed, the failed load-test build in red, the
 * failed gate and rolled-back canary, and DORA's four tiles with figures. Each page is also saved as a screenshot in
 * {@code target/screenshots}, or in the folder {@code -Dshipwatch.screenshots=docs/screenshots} names (how the README's pictures are refreshed).
 */
class DemoPagesIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final Path SHOTS = Path.of(System.getProperty("shipwatch.screenshots", "target/screenshots"));

    @TempDir
    static Path dir;

    private static UiBrowser browser;
    private static ShipwatchServer server;
    private static DemoData demo;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        browser = UiBrowser.start(dir);
        browser.driver().manage().window().setSize(new Dimension(1400, 1000));
        demo = new DemoData(NOW);
        server = demo.server(ServerSettings.resolve(0, "127.0.0.1", "jdbc:sqlite:" + dir.resolve("demo.db"),
                Config.empty(), Map.of()), Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
        DemoData.Filled filled = demo.fill(server);
        assertThat(filled.deployments()).isPositive();
        assertThat(filled.pipelineRuns()).isPositive();
        assertThat(filled.loadTests()).isPositive();
        assertThat(filled.verdicts()).isPositive();
        Files.createDirectories(SHOTS);
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
    void servicesPageListsEveryDemoServiceAndItsLoadTests() throws IOException {
        browser.open(base + "/");
        List<String> services = browser.driver().findElements(By.cssSelector("[data-testid=service-row]")).stream()
                .map(r -> r.getAttribute("data-service")).distinct().toList();
        assertThat(services).containsAll(DemoData.SERVICES);
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=scenario-row]"))).hasSizeGreaterThanOrEqualTo(3);
        screenshot("services.png");
    }

    @Test
    void badReleaseSpikeStaysVisibleAtThirtyDays() throws IOException {
        Instant from = NOW.minus(Duration.ofDays(30));
        browser.open(base + "/?service=" + DemoData.BAD_SERVICE + "&environment=production&from=" + from + "&to=" + NOW);
        WebElement chart = browser.byTestId("chart-error_ratio");
        WebElement plot = chart.findElement(By.cssSelector(".u-over"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", plot);
        // the step holding the spike's middle: points are counted back from the range's end, 3 h each at 30 days
        long step = Duration.ofHours(3).toSeconds();
        long middle = demo.badReleaseAt().plus(Duration.between(demo.badReleaseAt(), demo.rollbackAt()).dividedBy(2))
                .getEpochSecond();
        long bucket = NOW.getEpochSecond() - (NOW.getEpochSecond() - middle) / step * step;
        double x = (bucket - from.getEpochSecond()) / (double) (NOW.getEpochSecond() - from.getEpochSecond())
                * plot.getRect().getWidth();
        browser.script("const r = arguments[0].getBoundingClientRect();"
                + "arguments[0].dispatchEvent(new MouseEvent('mousemove', {bubbles: true,"
                + " clientX: r.left + arguments[1], clientY: r.top + r.height / 2}));", plot, x);
        String value = (String) browser.script("return arguments[0].textContent", browser.byTestId("panel-error_ratio")
                .findElement(By.cssSelector(".u-series:nth-child(2) .u-value")));
        assertThat(value).matches("[0-9.]+%");
        assertThat(Double.parseDouble(value.replace("%", ""))).as("error ratio at the bad release, 30-day range")
                .isGreaterThan(10.0);
        assertThat(chart.findElements(By.cssSelector("[data-testid=incident]"))).isNotEmpty();
        assertThat(chart.findElements(By.cssSelector("[data-testid=marker][data-kind=rollback]"))).isNotEmpty();

        // the page as the README shows it: the last 6 hours around the bad release
        browser.open(base + "/?service=" + DemoData.BAD_SERVICE + "&environment=production&from="
                + NOW.minus(Duration.ofHours(6)) + "&to=" + NOW);
        screenshot("service.png");
    }

    @Test
    void pipelineRunShowsItsWaterfallWithTheBigSuiteCollapsed() throws IOException {
        browser.open(base + "/pipelines.html");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=pipeline-row]"))).hasSize(3);
        assertThat(browser.byTestId("verdicts-link").getAttribute("href")).endsWith("/?page=verdicts");
        screenshot("pipelines.png");

        String pipeline = DemoData.BAD_SERVICE + "-build-and-test";
        JsonNode runs = Http.get(base + "/api/v1/pipelines/" + pipeline + "/runs?limit=5").json().get("items");
        String newest = runs.get(0).get("traceId").asText();
        browser.open(base + "/pipelines.html?run=" + newest);
        WebElement suite = browser.driver().findElements(By.cssSelector("[data-testid=span-row]")).stream()
                .filter(r -> r.findElements(By.cssSelector("[data-testid=hidden-count]")).stream()
                        .anyMatch(c -> c.getAttribute("textContent").trim().equals("(760)")))
                .findFirst().orElseThrow(() -> new AssertionError("no collapsed suite of 760 cases in the run"));
        assertThat(suite.findElement(By.cssSelector("[data-testid=toggle]")).getAttribute("aria-expanded"))
                .isEqualTo("false");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=span-row]"))).hasSizeLessThan(100);
        assertThat(browser.driver().findElement(By.cssSelector("[data-testid=bottleneck]")).getText()).isNotBlank();
        screenshot("pipeline-run.png");

        browser.open(base + "/pipelines.html?pipeline=" + pipeline);
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=slower]"))).isNotEmpty();
        screenshot("pipeline-trends.png");
    }

    @Test
    void loadTestsAcrossBuildsMarkTheFailedBuildRed() throws IOException {
        browser.open(base + "/?loadtest=" + DemoData.BAD_SERVICE + "&scenario=peak");
        List<WebElement> failed = browser.byTestId("builds-latency")
                .findElements(By.cssSelector("[data-testid=category-mark].run-failed"));
        assertThat(failed).hasSize(1);
        assertThat(Color.fromString(failed.get(0).getCssValue("border-top-color")).asRgb())
                .isEqualTo(Color.fromString("#f2495c").asRgb()); // --fail in shipwatch.css
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=run-row][data-status=failed]"))).hasSize(1);
        screenshot("loadtests.png");
    }

    @Test
    void verdictsShowTheFailedGateAndTheRolledBackCanary() throws IOException {
        browser.open(base + "/?page=verdicts&service=" + DemoData.BAD_SERVICE);
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=gate-row][data-result=fail]"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=canary-row][data-outcome=rolled_back]")))
                .hasSize(1);
        screenshot("verdicts.png");
    }

    @Test
    void doraPageShowsFourTilesWithFigures() throws IOException {
        browser.open(base + "/?page=dora&range=30d");
        for (String key : List.of("deploymentFrequency", "leadTimeForChanges", "changeFailureRate", "timeToRestore")) {
            WebElement tile = browser.byTestId("dora-tile-" + key);
            assertThat(UiBrowser.text(tile, "dora-value")).as(key).isNotBlank().doesNotContain("No data");
        }
        screenshot("dora.png");
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name), png);
    }
}
