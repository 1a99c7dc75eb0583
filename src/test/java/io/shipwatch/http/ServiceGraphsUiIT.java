package io.shipwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shipwatch.app.Config;
import io.shipwatch.app.ServerSettings;
import io.shipwatch.app.ShipwatchServer;
import io.shipwatch.dora.Incident;
import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.providers.demo.DemoProvider;
import io.shipwatch.testing.HeadlessChromium;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The service page's graphs in headless Chromium: a 16-minute error spike 26 days ago still peaks at 30 days, its
 * incident is a shaded band, the rollback that ended it is drawn as a rollback, markers too close to label apart
 * share one label that lists each, and times are 24-hour UTC.
 */
class ServiceGraphsUiIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final Instant SPIKE = NOW.minus(Duration.ofDays(26)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(64));
    private static final Instant ROLLBACK = SPIKE.plus(Duration.ofMinutes(16));
    private static final Instant PAIR = NOW.minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);

    @TempDir
    static Path dir;

    private static WebDriver browser;
    private static ShipwatchServer server;
    private static String base;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start(dir);
        ServerSettings settings = ServerSettings.resolve(0, "127.0.0.1", "jdbc:sqlite:" + dir.resolve("graphs.db"),
                Config.empty(), Map.of());
        DemoProvider demo = new DemoProvider(List.of(new DemoProvider.Incident("checkout", SPIKE, ROLLBACK, 0.126, 2)));
        server = new ShipwatchServer(settings, Clock.systemUTC(), new ServiceGraphs(demo, ServiceGraphs.DEMO_DEFAULTS, Map.of()));
        base = "http://127.0.0.1:" + server.start();
        Deployment bad = record("2.0.0", DeploymentStatus.ROLLED_BACK, SPIKE.minus(Duration.ofMinutes(3)), DeploymentKind.DEPLOY);
        record("1.9.0", DeploymentStatus.SUCCEEDED, ROLLBACK.minus(Duration.ofMinutes(2)), DeploymentKind.ROLLBACK);
        record("3.0.0", DeploymentStatus.SUCCEEDED, PAIR.minus(Duration.ofMinutes(2)), DeploymentKind.DEPLOY);
        record("3.0.1", DeploymentStatus.SUCCEEDED, PAIR.minus(Duration.ofMinutes(1)), DeploymentKind.DEPLOY);
        server.dora().open(new Incident(null, "checkout", "production", "checkout error ratio above 5 %", "sev2",
                SPIKE, ROLLBACK, bad.id(), "test", null));
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

    private static Deployment record(String version, DeploymentStatus status, Instant started, DeploymentKind kind) {
        return server.markers().record(new Deployment(null, "checkout", "production", version, status, started,
                started.plus(Duration.ofMinutes(2)), null, null, List.of(), null, null, "alice", null, Map.of(), null,
                null, null, kind, null)).deployment();
    }

    @Test
    void errorSpikeOfSixteenMinutesPeaksAtThirtyDaysWithItsIncidentShaded() {
        Instant from = NOW.minus(Duration.ofDays(30));
        open(base + "/?service=checkout&environment=production&from=" + from + "&to=" + NOW);
        WebElement chart = byTestId("chart-error_ratio");

        // hover where the spike's step is drawn: the legend shows that point's value
        long step = Duration.ofHours(3).toSeconds();
        // points are counted back from the range's end; the one whose step holds the spike's middle
        long middle = SPIKE.plus(Duration.ofMinutes(8)).getEpochSecond();
        long bucket = NOW.getEpochSecond() - (NOW.getEpochSecond() - middle) / step * step;
        WebElement plot = chart.findElement(By.cssSelector(".u-over"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", plot);
        double x = (bucket - from.getEpochSecond()) / (double) (NOW.getEpochSecond() - from.getEpochSecond())
                * plot.getRect().getWidth();
        ((JavascriptExecutor) browser).executeScript("const r = arguments[0].getBoundingClientRect();"
                + "arguments[0].dispatchEvent(new MouseEvent('mousemove', {bubbles: true,"
                + " clientX: r.left + arguments[1], clientY: r.top + r.height / 2}));", plot, x);
        String value = (String) ((JavascriptExecutor) browser).executeScript("return arguments[0].textContent",
                byTestId("panel-error_ratio").findElement(By.cssSelector(".u-series:nth-child(2) .u-value")));
        assertThat(value).matches("[0-9.]+%");
        assertThat(Double.parseDouble(value.replace("%", ""))).as(value).isBetween(11.0, 14.0);

        WebElement incident = chart.findElement(By.cssSelector("[data-testid=incident]"));
        assertThat(Instant.parse(incident.getAttribute("data-opened-at"))).isEqualTo(SPIKE);
        double left = number("return arguments[0].getBoundingClientRect().left - arguments[1].getBoundingClientRect().left",
                incident, plot);
        double expected = (SPIKE.getEpochSecond() - from.getEpochSecond())
                / (double) (NOW.getEpochSecond() - from.getEpochSecond()) * plot.getRect().getWidth();
        assertThat(left).isCloseTo(expected, within(2.0));
        assertThat(css(incident, "background-color")).isEqualTo("rgba(242, 73, 92, 0.13)");
    }

    @Test
    void rollbackIsDrawnAsARollbackAndTheIncidentSpansItsWindow() {
        Instant from = SPIKE.minus(Duration.ofHours(1));
        Instant to = SPIKE.plus(Duration.ofHours(1));
        open(base + "/?service=checkout&environment=production&from=" + from + "&to=" + to);
        WebElement chart = byTestId("chart-error_ratio");

        WebElement rollback = chart.findElement(By.cssSelector("[data-testid=marker][data-kind=rollback]"));
        WebElement deploy = chart.findElement(By.cssSelector("[data-testid=marker][data-version='2.0.0']"));
        assertThat(rollback.getAttribute("data-version")).isEqualTo("1.9.0");
        assertThat(rollback.findElement(By.cssSelector(".marker-label")).getText()).isEqualTo("↶ rollback 1.9.0");
        WebElement line = rollback.findElement(By.cssSelector("[data-testid=marker-line]"));
        assertThat(css(line, "border-left-style")).isEqualTo("double");
        assertThat(css(line, "border-left-color")).isEqualTo("rgb(255, 95, 162)");
        WebElement deployLine = deploy.findElement(By.cssSelector("[data-testid=marker-line]"));
        assertThat(css(deployLine, "border-left-style")).isEqualTo("solid");
        assertThat(css(deployLine, "border-left-color")).isEqualTo("rgb(255, 152, 48)"); // rolled back: orange

        WebElement incident = chart.findElement(By.cssSelector("[data-testid=incident]"));
        double plotWidth = chart.findElement(By.cssSelector(".u-over")).getRect().getWidth();
        assertThat(number("return arguments[0].getBoundingClientRect().width", incident))
                .isCloseTo(plotWidth * 16 / 120.0, within(2.0));
        new Actions(browser).moveToElement(incident.findElement(By.cssSelector(".incident-label"))).perform();
        WebElement tooltip = byTestId("marker-tooltip");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> tooltip.isDisplayed());
        assertThat(tooltip.getText()).contains("checkout error ratio above 5 %", "sev2", "16m");
    }

    @Test
    void markersTooCloseToLabelShareOneLabelWhoseHoverListsEach() {
        open(base + "/?service=checkout&environment=production&from=" + PAIR.minus(Duration.ofHours(5))
                + "&to=" + PAIR.plus(Duration.ofHours(1)));
        WebElement chart = byTestId("chart-request_rate");

        assertThat(chart.findElements(By.cssSelector("[data-testid=marker]"))).hasSize(2);
        WebElement cluster = chart.findElement(By.cssSelector("[data-testid=marker-cluster]"));
        assertThat(cluster.findElement(By.cssSelector(".marker-label")).getText()).isEqualTo("≡ 2 deployments");
        assertThat(chart.findElements(By.cssSelector("[data-testid=marker] .marker-label")))
                .allSatisfy(l -> assertThat(l.isDisplayed()).isFalse());
        new Actions(browser).moveToElement(cluster.findElement(By.cssSelector(".marker-label"))).perform();
        WebElement tooltip = byTestId("marker-tooltip");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> tooltip.isDisplayed());
        assertThat(tooltip.findElements(By.cssSelector("li"))).extracting(WebElement::getText)
                .satisfiesExactly(a -> assertThat(a).startsWith("3.0.0"), b -> assertThat(b).startsWith("3.0.1"));
    }

    @Test
    void timesAreTwentyFourHourUtcInTheInputsAndLabels() {
        Instant from = Instant.parse("2026-11-20T13:00:00Z");
        Instant to = Instant.parse("2026-11-20T19:30:00Z");
        open(base + "/?service=checkout&environment=production&from=" + from + "&to=" + to);

        WebElement fromInput = browser.findElement(By.id("range-from"));
        assertThat(fromInput.getAttribute("type")).isEqualTo("text");
        assertThat(fromInput.getAttribute("value")).isEqualTo("2026-11-20 13:00:00");
        assertThat(browser.findElement(By.cssSelector("label[for=range-from]")).getText()).isEqualTo("From (UTC)");
        assertThat(byTestId("window").getText()).contains("13:00:00", "19:30:00", "UTC").doesNotContain("PM", "AM");
        // the chart's axis is canvas: ask the module that labels its ticks, for whole hours of the window
        Object ticks = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/ui.js').then((ui) => done(ui.timeTicks([arguments[0], arguments[1]], 3600)));",
                Instant.parse("2026-11-20T14:00:00Z").getEpochSecond(), Instant.parse("2026-11-20T18:00:00Z").getEpochSecond());
        assertThat(ticks.toString()).isEqualTo("[14:00\nNov 20, 18:00]");

        WebElement toInput = browser.findElement(By.id("range-to"));
        fromInput.clear();
        fromInput.sendKeys("2026-11-20 15:00");
        toInput.clear();
        toInput.sendKeys("2026-11-20 17:45:30");
        browser.findElement(By.cssSelector("[data-testid=custom-range] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().contains("from=2026-11-20T15"));
        assertThat(browser.getCurrentUrl()).contains("from=2026-11-20T15%3A00%3A00Z", "to=2026-11-20T17%3A45%3A30Z");
    }

    private static double number(String script, Object... args) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script, args)).doubleValue();
    }

    private static String css(WebElement element, String property) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(arguments[0])[arguments[1]]", element, toCamel(property));
    }

    private static String toCamel(String property) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : property.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static void open(String url) {
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !"loading".equals(
                b.findElement(By.id("main")).getAttribute("data-state")));
        assertThat(browser.findElement(By.id("main")).getAttribute("data-state"))
                .as(browser.findElement(By.id("main")).getText()).isEqualTo("ready");
    }
}
