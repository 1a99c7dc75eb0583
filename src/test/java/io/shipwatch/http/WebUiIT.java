package io.shipwatch.http;

import static io.shipwatch.markers.DeploymentStatus.FAILED;
import static io.shipwatch.markers.DeploymentStatus.ROLLED_BACK;
import static io.shipwatch.markers.DeploymentStatus.STARTED;
import static io.shipwatch.markers.DeploymentStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shipwatch.app.Config;
import io.shipwatch.app.ServerSettings;
import io.shipwatch.app.ShipwatchServer;
import io.shipwatch.graphs.Panel;
import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.providers.demo.DemoProvider;
import io.shipwatch.testing.HeadlessChromium;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.RecordingHttpServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in headless Chromium against a real server on a SQLite file: every deployment of the window drawn as a
 * marker at its time on every chart, the deployments table, a failing panel, delivery states and the token form.
 */
class WebUiIT {
    // a past window, so every marker is a finished fact; the demo provider draws any window
    private static final Instant TO = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final Instant FROM = TO.minus(Duration.ofHours(6));
    private static final String WINDOW = "&from=" + FROM + "&to=" + TO;
    private static final List<String> CHARTS = List.of("chart-request_rate", "chart-latency_p95");
    private static final Map<String, String> STATUS_COLORS = Map.of(
            "succeeded", "rgb(115, 191, 105)", "failed", "rgb(242, 73, 92)",
            "rolled_back", "rgb(255, 152, 48)", "started", "rgb(87, 148, 242)");
    private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\">";
    private static final int MANY = 205; // more than one page of the UI's 200

    @TempDir
    static Path dir;

    private static WebDriver browser;
    private static ShipwatchServer server;
    private static String base;
    private static final List<Deployment> checkout = new ArrayList<>();

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start(dir);
        server = startServer(Config.empty(), "ui.db");
        base = "http://127.0.0.1:" + server.port();
        recordDeployments();
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
    void servicesPageListsEachEnvironmentWithItsLatestDeploymentAndLinksToItsPage() {
        open(base + "/");
        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=service-row]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-service") + "/" + r.getAttribute("data-environment"))
                .containsExactly("checkout/production", "checkout/staging", "payments/production", "search/production");
        assertThat(rows.get(0).getText()).contains("checkout", "production", "1.4.0", "In progress");

        rows.get(0).findElement(By.linkText("checkout")).click();
        awaitSettled();

        assertThat(browser.getCurrentUrl()).endsWith("/?service=checkout&environment=production");
        assertThat(byTestId("chart-request_rate").isDisplayed()).isTrue();
    }

    @Test
    void everyDeploymentOfTheWindowIsAMarkerAtItsTimeOnEveryChart() {
        open(base + "/?service=checkout&environment=production" + WINDOW);
        List<Deployment> byTime = checkout.stream().sorted(Comparator.comparing(Deployment::markerTime)).toList();

        for (String chart : CHARTS) {
            List<Marker> markers = markers(chart);
            assertThat(markers).as(chart).extracting(Marker::version)
                    .containsExactlyElementsOf(byTime.stream().map(Deployment::version).toList());
            assertThat(markers).as(chart).extracting(Marker::id)
                    .containsExactlyElementsOf(byTime.stream().map(Deployment::id).toList());
            for (int i = 0; i < markers.size(); i++) {
                Marker m = markers.get(i);
                Deployment d = byTime.get(i);
                double expected = (d.markerTime().toEpochMilli() - FROM.toEpochMilli())
                        / (double) (TO.toEpochMilli() - FROM.toEpochMilli()) * m.plotWidth();
                assertThat(m.status()).as(d.version()).isEqualTo(d.status().wireName());
                assertThat(m.color()).as(d.version()).isEqualTo(STATUS_COLORS.get(m.status()));
                assertThat(m.lineStyle()).as(d.version())
                        .isEqualTo(d.status() == STARTED ? "dashed" : "solid");
                assertThat(m.x()).as(d.version() + " x in " + chart).isCloseTo(expected, within(2.0));
                assertThat(m.dataX()).as(d.version() + " data-x in " + chart).isCloseTo(m.x(), within(1.0));
                if (i > 0) {
                    assertThat(m.x()).as(d.version() + " right of the one before")
                            .isGreaterThan(markers.get(i - 1).x());
                }
            }
        }
    }

    @Test
    void tableListsEveryDeploymentOfTheWindowNewestFirst() {
        open(base + "/?service=checkout&environment=production" + WINDOW);
        List<WebElement> rows = browser.findElements(By.cssSelector(
                "[data-testid=deployments-table] tbody tr[data-testid=deployment-row]"));

        List<Deployment> newestFirst = checkout.stream()
                .sorted(Comparator.comparing(Deployment::startedAt).reversed()).toList();
        assertThat(rows).extracting(r -> r.getAttribute("data-deployment-id"))
                .containsExactlyElementsOf(newestFirst.stream().map(Deployment::id).toList());
        assertThat(rows).extracting(r -> r.findElement(By.cssSelector("td")).getText())
                .containsExactlyElementsOf(newestFirst.stream().map(Deployment::version).toList());
        Deployment failed = checkout("1.1.0");
        WebElement failedRow = row("1.1.0");
        assertThat(failedRow.getText()).contains("Failed", "production", "4m", failed.commitSha().substring(0, 7),
                "alice", "run " + failed.pipelineRunId());
        assertThat(failedRow.findElement(By.linkText("run " + failed.pipelineRunId())).getAttribute("href"))
                .isEqualTo(failed.pipelineRunUrl());
        assertThat(failedRow.findElement(By.linkText(failed.commitSha().substring(0, 7))).getAttribute("href"))
                .isEqualTo("https://git.example.com/acme/checkout/commit/" + failed.commitSha());
        assertThat(row("1.4.0").getText()).contains("In progress", "running");
    }

    @Test
    void failingPanelShowsTheBackendMessageInsteadOfAChart() {
        open(base + "/?service=checkout&environment=production" + WINDOW);

        WebElement panel = byTestId("panel-error_ratio");
        assertThat(panel.findElement(By.cssSelector("[data-testid=panel-error]")).getText())
                .contains("demo provider: query 'error_ratio{service=\"checkout\",code=~\"5..\"}' is not understood");
        assertThat(browser.findElements(By.cssSelector("[data-testid=chart-error_ratio]"))).isEmpty();
        assertThat(byTestId("demo-banner").getText()).startsWith("Demo data");
    }

    @Test
    void hoveringAMarkerShowsItsDetailsAsPlainText() {
        open(base + "/?service=checkout&environment=production" + WINDOW);
        WebElement tooltip = byTestId("marker-tooltip");

        Deployment failed = checkout("1.1.0");
        hover(marker("chart-request_rate", "1.1.0"));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> tooltip.isDisplayed());
        assertThat(tooltip.getText()).contains("1.1.0", "Failed", "checkout / production",
                failed.commitSha().substring(0, 7), "alice", "run " + failed.pipelineRunId(), "Started", "Finished");
        assertThat(tooltip.findElement(By.linkText("run " + failed.pipelineRunId())).getAttribute("href"))
                .isEqualTo(failed.pipelineRunUrl());

        hover(marker("chart-latency_p95", "1.3.0"));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> tooltip.getText().contains("1.3.0"));
        assertThat(tooltip.getText()).contains(HOSTILE, "<b>bob</b>");
        assertThat(tooltip.findElements(By.tagName("img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void serviceOpensOnProductionAndAllEnvironmentsAddsTheOthers() {
        open(base + "/?service=checkout" + WINDOW);
        assertThat(new Select(byTestId("environment")).getFirstSelectedOption().getText()).isEqualTo("production");
        assertThat(versionsInTable()).doesNotContain("1.5.0").contains("1.0.0");

        new Select(byTestId("environment")).selectByVisibleText("All environments");
        awaitSettled();

        assertThat(URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8))
                .as("all environments, the same window").contains("environment=&", WINDOW);
        assertThat(versionsInTable()).contains("1.5.0", "1.0.0");
        assertThat(markers("chart-request_rate")).extracting(Marker::version).contains("1.5.0");
    }

    @Test
    void draggingAcrossAChartShowsThatRangeOnEveryChart() {
        open(base + "/?service=checkout&environment=production" + WINDOW);
        WebElement plot = byTestId("chart-request_rate").findElement(By.cssSelector(".u-over"));
        int width = plot.getRect().getWidth();

        // from a quarter to three quarters of the plot: 07:30 to 10:30 into the six hours
        String before = browser.getCurrentUrl();
        new Actions(browser).moveToElement(plot, -width / 4, 0).clickAndHold().moveByOffset(width / 2, 0).release()
                .perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.getCurrentUrl().equals(before));
        awaitSettled();

        String url = URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
        Instant from = Instant.parse(url.replaceAll(".*[?&]from=([^&]+).*", "$1"));
        Instant to = Instant.parse(url.replaceAll(".*[?&]to=([^&]+).*", "$1"));
        assertThat(Duration.between(FROM.plus(Duration.ofMinutes(90)), from).abs()).isLessThan(Duration.ofMinutes(3));
        assertThat(Duration.between(FROM.plus(Duration.ofMinutes(270)), to).abs()).isLessThan(Duration.ofMinutes(3));
        List<String> inRange = checkout.stream()
                .filter(d -> !d.markerTime().isBefore(from) && !d.markerTime().isAfter(to))
                .sorted(Comparator.comparing(Deployment::markerTime)).map(Deployment::version).toList();
        assertThat(inRange).containsExactly("1.2.0", "1.2.1", "1.3.0");
        for (String chart : CHARTS) {
            assertThat(markers(chart)).as(chart).extracting(Marker::version).containsExactlyElementsOf(inRange);
        }
    }

    @Test
    void markersFollowEveryPageOfDeployments() {
        open(base + "/?service=search&environment=production" + WINDOW);

        for (String chart : CHARTS) {
            assertThat(markers(chart)).as(chart).hasSize(MANY);
        }
        assertThat(browser.findElements(By.cssSelector("[data-testid=deployments-table] tbody tr"))).hasSize(MANY);
    }

    @Test
    void deliveryStateIsFetchedWhenAsked() throws Exception {
        try (RecordingHttpServer hook = RecordingHttpServer.start();
             ShipwatchServer withSink = startServer(new Config(null, null, null, new Config.SinksSection(null, null,
                     List.of(new Config.WebhookSection("audit", hook.uri("/hook").toString(), null, null))), null),
                     "sink.db")) {
            Deployment d = withSink.markers().record(draft("payments", "production", "3.0.0",
                    SUCCEEDED, Duration.ofHours(1), "carol")).deployment();
            String url = "http://127.0.0.1:" + withSink.port();
            awaitDelivered(url + "/api/v1/deployments/" + d.id());

            open(url + "/?service=payments&environment=production" + WINDOW);
            WebElement cell = row("3.0.0").findElement(By.cssSelector("[data-testid=delivery]"));
            cell.findElement(By.tagName("button")).click();

            new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> cell.getText().contains("delivered"));
            assertThat(cell.getText()).isEqualTo("webhook:audit: delivered");
        }
    }

    @Test
    void serverWithTokensAsksForOneKeepsItAndSendsIt() {
        Config config = new Config(null, null, List.of(new Config.TokenSection("viewer", "read-token-0123456789abcdef",
                "read")), null, null);
        try (ShipwatchServer guarded = startServer(config, "tokens.db")) {
            guarded.markers().record(draft("checkout", "production", "1.0.0", SUCCEEDED,
                    minutes(20), "alice"));
            String url = "http://127.0.0.1:" + guarded.port() + "/";

            open(url);
            assertThat(state()).isEqualTo("auth");
            assertThat(browser.findElements(By.cssSelector("[data-testid=token-error]"))).isEmpty();
            submitToken("not-the-token");
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(b -> !b.findElements(By.cssSelector("[data-testid=token-error]")).isEmpty());
            assertThat(byTestId("token-error").getText()).contains("refused");

            submitToken("read-token-0123456789abcdef");
            awaitSettled();
            assertThat(state()).isEqualTo("ready");
            assertThat(byTestId("services-table").getText()).contains("checkout", "production", "1.0.0");

            browser.navigate().refresh();
            awaitSettled();
            assertThat(state()).as("the token is kept across reloads").isEqualTo("ready");

            browser.findElement(By.id("forget-token")).click();
            awaitSettled();
            assertThat(state()).isEqualTo("auth");
        }
    }

    /** A marker as drawn: x is the centre of its line from the left edge of the plot, measured by the browser. */
    record Marker(String id, String version, String status, double x, double dataX, double plotWidth, String color,
                  String lineStyle) {
    }

    private static List<Marker> markers(String chart) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> raw = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript("""
                const chart = arguments[0];
                const plot = chart.querySelector('.u-over').getBoundingClientRect();
                return [...chart.querySelectorAll('[data-testid=marker]')].map((m) => {
                  const line = m.querySelector('[data-testid=marker-line]');
                  const box = line.getBoundingClientRect();
                  const style = getComputedStyle(line);
                  return { id: m.dataset.deploymentId, version: m.dataset.version, status: m.dataset.status,
                           x: box.left + box.width / 2 - plot.left, dataX: Number(m.dataset.x), plotWidth: plot.width,
                           color: style.borderLeftColor, lineStyle: style.borderLeftStyle };
                });""", byTestId(chart));
        return raw.stream().map(m -> new Marker((String) m.get("id"), (String) m.get("version"),
                        (String) m.get("status"), number(m.get("x")), number(m.get("dataX")),
                        number(m.get("plotWidth")), (String) m.get("color"), (String) m.get("lineStyle")))
                .sorted(Comparator.comparingDouble(Marker::x))
                .toList();
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    private static WebElement marker(String chart, String version) {
        return byTestId(chart).findElement(
                By.cssSelector("[data-testid=marker][data-version='" + version + "'] .marker-hit"));
    }

    private static List<String> versionsInTable() {
        return browser.findElements(By.cssSelector("[data-testid=deployment-row]")).stream()
                .map(r -> r.getAttribute("data-version")).toList();
    }

    private static WebElement row(String version) {
        return browser.findElement(By.cssSelector("[data-testid=deployment-row][data-version='" + version + "']"));
    }

    private static void hover(WebElement element) {
        new Actions(browser).moveToElement(element).perform();
    }

    private static void submitToken(String token) {
        WebElement input = browser.findElement(By.cssSelector("[data-testid=token-form] input"));
        input.clear();
        input.sendKeys(token);
        browser.findElement(By.cssSelector("[data-testid=token-form] button[type=submit]")).click();
    }

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static void open(String url) {
        browser.get(url);
        awaitSettled();
        assertThat(state()).as("page state of " + url + ": " + browser.findElement(By.id("main")).getText())
                .isIn("ready", "auth");
    }

    private static String state() {
        return browser.findElement(By.id("main")).getAttribute("data-state");
    }

    private static void awaitSettled() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !"loading".equals(state()));
    }

    private static void awaitDelivered(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Http.get(url).json().at("/deliveries/0/state").asText().equals("delivered")) {
            assertThat(System.nanoTime()).as("delivered within 30 s: " + Http.get(url).body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static ShipwatchServer startServer(Config config, String dbFile) {
        ServerSettings settings = ServerSettings.resolve(0, "127.0.0.1", "jdbc:sqlite:" + dir.resolve(dbFile), config,
                Map.of());
        // the demo provider draws request rate and latency; it does not understand the error-ratio query, so
        // that panel shows the provider's message
        ServiceGraphs graphs = new ServiceGraphs(new DemoProvider(List.of()), List.of(
                ServiceGraphs.DEMO_DEFAULTS.get(0),
                new Panel("error_ratio", "Error ratio", "ratio", "error_ratio{service=\"{{service}}\",code=~\"5..\"}"),
                ServiceGraphs.DEMO_DEFAULTS.get(2)), Map.of());
        ShipwatchServer started = new ShipwatchServer(settings, Clock.systemUTC(), graphs);
        started.start();
        return started;
    }

    /** Six checkout releases to production in the window, one of each status, and others that must not show. */
    private static void recordDeployments() {
        checkout.add(record(draft("checkout", "production", "1.0.0", SUCCEEDED, minutes(20), "alice")));
        checkout.add(record(draft("checkout", "production", "1.1.0", FAILED, minutes(70), "alice")));
        checkout.add(record(draft("checkout", "production", "1.2.0", ROLLED_BACK, minutes(120), "dave")));
        checkout.add(record(draft("checkout", "production", "1.2.1", SUCCEEDED, minutes(140), "dave")));
        checkout.add(record(withDescription(
                draft("checkout", "production", "1.3.0", SUCCEEDED, minutes(210), "<b>bob</b>"), HOSTILE)));
        checkout.add(record(draft("checkout", "production", "1.4.0", STARTED, minutes(310), "alice")));
        record(draft("checkout", "staging", "1.5.0", SUCCEEDED, minutes(300), "alice"));
        record(draft("payments", "production", "7.0.0", SUCCEEDED, minutes(100), "erin"));
        record(draft("checkout", "production", "0.9.0", SUCCEEDED, minutes(-90), "alice"));
        for (int i = 0; i < MANY; i++) {
            record(draft("search", "production", "5." + i + ".0", SUCCEEDED,
                    Duration.ofSeconds(10 + 100L * i), "bot"));
        }
    }

    private static Deployment record(Deployment draft) {
        return server.markers().record(draft).deployment();
    }

    private static Duration minutes(int n) {
        return Duration.ofMinutes(n);
    }

    /**
     * A deployment starting {@code afterFrom} into the window and taking four minutes unless it still runs, with a
     * commit and a pipeline run of its own.
     */
    private static Deployment draft(String service, String environment, String version, DeploymentStatus status,
                                    Duration afterFrom, String actor) {
        Instant started = FROM.plus(afterFrom);
        Instant finished = status == STARTED ? null : started.plus(Duration.ofMinutes(4));
        String name = service + "@" + version;
        String sha = sha1(name);
        String run = String.valueOf(1000 + Math.floorMod(name.hashCode(), 9000));
        return new Deployment(null, service, environment, version, status, started, finished, sha,
                "https://git.example.com/acme/" + service, List.of(), run,
                "https://ci.example.com/acme/" + service + "/runs/" + run, actor, null, Map.of(), null, null, null);
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static Deployment withDescription(Deployment d, String description) {
        return new Deployment(d.id(), d.service(), d.environment(), d.version(), d.status(), d.startedAt(),
                d.finishedAt(), d.commitSha(), d.repositoryUrl(), d.commits(), d.pipelineRunId(), d.pipelineRunUrl(),
                d.actor(), description, d.tags(), d.idempotencyKey(), d.createdAt(), d.updatedAt());
    }

    private static Deployment checkout(String version) {
        return checkout.stream().filter(d -> d.version().equals(version)).findFirst().orElseThrow();
    }
}
