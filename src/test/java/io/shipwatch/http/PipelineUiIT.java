package io.shipwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.shipwatch.app.Config;
import io.shipwatch.app.ServerSettings;
import io.shipwatch.app.ShipwatchServer;
import io.shipwatch.cli.PipelineCommand;
import io.shipwatch.otel.OtlpTraceExport;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.SpanStatus;
import io.shipwatch.pipeline.TestReport;
import io.shipwatch.pipeline.TestSpans;
import io.shipwatch.pipeline.TraceExport;
import io.shipwatch.pipeline.TraceIds;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.OtlpRequests;
import io.shipwatch.testing.Requirements;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pipeline pages in headless Chromium against a real server: an imported GitHub Actions run as a waterfall with
 * its critical path marked and bottleneck named, and a pipeline's step trends with a slowed-down step flagged.
 */
class PipelineUiIT {
    static final long S = 1_000_000_000L;
    static final String GITHUB_TRACE = TraceIds.traceId("github", "https://github.com/acme/shop", "555", "1");

    @TempDir
    static Path dir;

    private static WebDriver browser;
    private static ShipwatchServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Requirements.executable("chromium");
        Path chromedriver = Requirements.executable("chromedriver");
        Requirements.require(chromium != null, "Chromium (the chromium package)");
        Requirements.require(chromedriver != null, "chromedriver (the chromium-driver package)");
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("ui.db"), Config.empty(), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
        importGitHubRun();
        sendNightlyRuns();
        sendLargeRun();
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + dir.resolve("chromium-profile"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build(), options);
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

    private static void importGitHubRun() throws Exception {
        List<String> args = new ArrayList<>(List.of("import", "github"));
        for (String name : List.of("run-555-attempt-1.json", "jobs-555-attempt-1.json")) {
            try (InputStream in = PipelineUiIT.class.getResourceAsStream("/pipeline/github/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
            args.addAll(List.of("--file", dir.resolve(name).toString()));
        }
        StringWriter err = new StringWriter();
        int code = PipelineCommand.commandLine(Map.of("SHIPWATCH_SERVER", base), Clock.systemUTC(), new OtlpTraceExport(),
                new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
    }

    /** Twelve nightly runs: "compile" steady at 60 s, "test" at 100 s that jumps to 160 s from run 7 on. */
    private static void sendNightlyRuns() {
        long t0 = 1_790_000_000L * S;
        for (int i = 1; i <= 12; i++) {
            String trace = String.format("%032x", 0xabc000L + i);
            long start = t0 + i * 86_400 * S;
            long compile = (60 + i % 3) * S;
            long test = (i < 7 ? 100 + i % 4 : 160 + i % 4) * S;
            byte[] body = OtlpRequests.request("nightly",
                    OtlpRequests.span(trace, "00000000000000a1", null, "nightly", start, start + compile + test,
                            StatusCode.STATUS_CODE_OK, "cicd.pipeline.name", "nightly", "cicd.pipeline.run.id", String.valueOf(i)),
                    OtlpRequests.span(trace, "00000000000000a2", "00000000000000a1", "compile", start, start + compile,
                            StatusCode.STATUS_CODE_OK),
                    OtlpRequests.span(trace, "00000000000000a3", "00000000000000a1", "test", start + compile,
                            start + compile + test, i == 9 ? StatusCode.STATUS_CODE_ERROR : StatusCode.STATUS_CODE_OK))
                    .toByteArray();
            assertThat(OtlpRequests.post(base + "/v1/traces", body, "Content-Type", "application/x-protobuf").status()).isEqualTo(200);
        }
    }

    static final String LARGE_TRACE = TraceIds.traceId("test", "https://ci.example/acme/shop", "77", "1");
    static final String TESTS_STEP = TraceIds.spanId(LARGE_TRACE, "step", "unit tests");

    /**
     * A run of 1,514 spans: three steps, and under "unit tests" (100 s to 400 s, exit code 1) the JUnit import of a
     * 700-case suite of 0.5 s cases and eight suites of 100 cases, laid end to end as imports do: their 510 s run past
     * the step's 300 s.
     */
    private static void sendLargeRun() {
        long t0 = 1_795_000_000L * S;
        String root = TraceIds.spanId(LARGE_TRACE, "run");
        String job = TraceIds.spanId(LARGE_TRACE, "job");
        List<PipelineSpan> spans = new ArrayList<>(List.of(
                new PipelineSpan(LARGE_TRACE, root, null, "release", t0, t0 + 600 * S, SpanStatus.ERROR, null,
                        Map.of("cicd.pipeline.name", "release", "cicd.pipeline.run.id", "77",
                                "cicd.pipeline.run.url.full", "https://ci.example/acme/shop/runs/77"), null),
                new PipelineSpan(LARGE_TRACE, job, root, "build", t0, t0 + 600 * S, SpanStatus.ERROR, null, null, null),
                step(job, "compile", t0, t0 + 100 * S, 0, "mvn -q compile"),
                step(job, "unit tests", t0 + 100 * S, t0 + 400 * S, 1, "mvn -q test"),
                step(job, "package", t0 + 400 * S, t0 + 600 * S, 0, "mvn -q package -DskipTests")));
        List<TestReport.Suite> suites = new ArrayList<>();
        suites.add(suite("com.acme.BigSuite", 700, S / 2));
        for (int i = 1; i <= 8; i++) {
            suites.add(suite("com.acme.Suite" + i, 100, S / 5));
        }
        spans.addAll(TestSpans.of(List.of(new TestReport("TEST-all.xml", suites)), LARGE_TRACE, TESTS_STEP, t0 + 100 * S));
        assertThat(spans).hasSize(1514);
        new OtlpTraceExport().send(spans, new TraceExport.Destinations(Map.of(), false, java.net.URI.create(base), null));
    }

    private static PipelineSpan step(String job, String name, long start, long end, long exitCode, String command) {
        return new PipelineSpan(LARGE_TRACE, TraceIds.spanId(LARGE_TRACE, "step", name), job, name, start, end,
                exitCode == 0 ? SpanStatus.OK : SpanStatus.ERROR, exitCode == 0 ? null : "exit code " + exitCode,
                Map.of("process.exit.code", exitCode, "process.command_line", command,
                        "cicd.pipeline.task.run.url.full", "https://ci.example/acme/shop/runs/77/jobs/build"), null);
    }

    private static TestReport.Suite suite(String name, int cases, long caseNanos) {
        List<TestReport.Case> list = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            list.add(new TestReport.Case("case" + i, name, caseNanos, TestReport.Outcome.PASSED, null, 0));
        }
        return new TestReport.Suite(name, cases * caseNanos, list);
    }

    private static void open(String url) {
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !"loading".equals(
                b.findElement(By.id("main")).getAttribute("data-state")));
        assertThat(browser.findElement(By.id("main")).getAttribute("data-state"))
                .as(browser.findElement(By.id("main")).getText()).isEqualTo("ready");
    }

    @Test
    void waterfallMarksTheCriticalPathNamesTheBottleneckAndPlacesBarsAtTheirTimes() {
        JsonNode run = Http.get(base + "/api/v1/runs/" + GITHUB_TRACE).json();
        open(base + "/pipelines.html?run=" + GITHUB_TRACE);

        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=span-row]"));
        assertThat(rows).hasSize(run.get("spans").size());
        Set<String> critical = new HashSet<>();
        run.get("criticalPath").forEach(id -> critical.add(id.asText()));
        for (WebElement row : rows) {
            boolean onPath = critical.contains(row.getAttribute("data-span-id"));
            assertThat(row.getAttribute("data-critical")).as(row.getText()).isEqualTo(String.valueOf(onPath));
            assertThat(row.getAttribute("class").contains("critical")).isEqualTo(onPath);
        }
        assertThat(rows.stream().filter(r -> r.getAttribute("class").contains("critical"))).hasSize(critical.size());
        assertThat(browser.findElement(By.cssSelector("[data-testid=bottleneck]")).getText())
                .isEqualTo("Bottleneck Run integration tests (6m 8s of its own)");
        WebElement bottleneckRow = browser.findElement(By.cssSelector(".wf-row.bottleneck"));
        assertThat(bottleneckRow.getAttribute("data-span-id")).isEqualTo(run.get("bottleneck").asText());
        assertThat(rows.get(0).getText()).startsWith("CI");

        // the run spans 10:00:00 to 10:10:00: the test job (created 10:03:01, 6 m 59 s) sits at 30.17% for 69.83%
        JsonNode test = null;
        for (JsonNode s : run.get("spans")) {
            if (s.get("name").asText().equals("test")) {
                test = s;
            }
        }
        Map<String, Double> bar = bar(test.get("spanId").asText());
        assertThat(bar.get("left")).isCloseTo(bar.get("track") * 181.0 / 600.0, within(1.5));
        assertThat(bar.get("width")).isCloseTo(bar.get("track") * 419.0 / 600.0, within(1.5));
    }

    @Test
    void largeRunOpensWithTestSuitesCollapsedAndASuiteExpandsOnClick() {
        JsonNode run = Http.get(base + "/api/v1/runs/" + LARGE_TRACE).json();
        assertThat(run.get("spans")).hasSize(1514);
        open(base + "/pipelines.html?run=" + LARGE_TRACE);

        // only the rows shown are in the page: run, job, three steps and nine collapsed suites
        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=span-row]"));
        assertThat(rows).hasSize(14);
        WebElement big = row("com.acme.BigSuite");
        WebElement toggle = big.findElement(By.cssSelector("[data-testid=toggle]"));
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(big.findElement(By.cssSelector("[data-testid=hidden-count]")).getText()).isEqualTo("(700)");

        toggle.click();
        assertThat(browser.findElements(By.cssSelector("[data-testid=span-row]"))).hasSize(14 + 700);
        assertThat(row("com.acme.BigSuite").findElement(By.cssSelector("[data-testid=toggle]"))
                .getAttribute("aria-expanded")).isEqualTo("true");
        row("com.acme.BigSuite").findElement(By.cssSelector("[data-testid=toggle]")).click();
        assertThat(browser.findElements(By.cssSelector("[data-testid=span-row]"))).hasSize(14);
    }

    @Test
    void suitesRunningPastTheirStepAreDrawnInsideItAndNeverTheBottleneck() {
        JsonNode run = Http.get(base + "/api/v1/runs/" + LARGE_TRACE).json();
        open(base + "/pipelines.html?run=" + LARGE_TRACE);

        assertThat(browser.findElement(By.cssSelector("[data-testid=bottleneck]")).getText())
                .isEqualTo("Bottleneck package (3m 20s of its own)");
        Map<String, Double> step = bar(TESTS_STEP);
        String bigSuite = row("com.acme.BigSuite").getAttribute("data-span-id");
        Map<String, Double> suite = bar(bigSuite);
        // the report says 350 s from the step's start; the step took 300 s: the bar ends with the step
        assertThat(suite.get("left") + suite.get("width")).isCloseTo(step.get("left") + step.get("width"), within(1.0));
        assertThat(row("com.acme.Suite8").findElement(By.cssSelector(".wf-bar")).getAttribute("class")).contains("clipped");
        for (JsonNode s : run.get("spans")) {
            if (s.get("spanId").asText().equals(bigSuite)) {
                assertThat(java.time.Instant.parse(s.get("clippedEndTime").asText()))
                        .isEqualTo(java.time.Instant.ofEpochSecond(1_795_000_400L));
            }
        }
    }

    @Test
    void waterfallHasATimeAxisAndClickingASpanShowsItsExitCodeCommandAndCiLink() {
        open(base + "/pipelines.html?run=" + LARGE_TRACE);

        List<String> ticks = browser.findElements(By.cssSelector("[data-testid=time-axis] [data-testid=axis-tick]"))
                .stream().map(WebElement::getText).toList();
        assertThat(ticks).containsExactly("0s", "2m", "4m", "6m", "8m", "10m");
        assertThat(browser.findElements(By.cssSelector("[data-testid=span-detail]"))).isEmpty();

        row("unit tests").click();
        WebElement detail = browser.findElement(By.cssSelector("[data-testid=span-detail]"));
        assertThat(detail.findElement(By.cssSelector("[data-testid=detail-exit]")).getText()).isEqualTo("1");
        assertThat(detail.findElement(By.cssSelector("[data-testid=detail-command]")).getText()).isEqualTo("mvn -q test");
        assertThat(detail.findElement(By.cssSelector("[data-testid=detail-ci] a")).getAttribute("href"))
                .isEqualTo("https://ci.example/acme/shop/runs/77/jobs/build");
        assertThat(detail.findElement(By.cssSelector("[data-testid=detail-attributes]")).getText())
                .contains("process.command_line");
        assertThat(row("unit tests").getAttribute("aria-selected")).isEqualTo("true");
        detail.findElement(By.cssSelector("[data-testid=detail-close]")).click();
        assertThat(browser.findElements(By.cssSelector("[data-testid=span-detail]"))).isEmpty();
    }

    private static WebElement row(String name) {
        return browser.findElements(By.cssSelector("[data-testid=span-row]")).stream()
                .filter(r -> name.equals(r.findElement(By.cssSelector(".wf-name")).getAttribute("title")))
                .findFirst().orElseThrow(() -> new AssertionError("no row named " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> bar(String spanId) {
        Object result = ((JavascriptExecutor) browser).executeScript(
                "const row = document.querySelector(`[data-span-id='${arguments[0]}']`);"
                        + "const track = row.querySelector('.wf-track').getBoundingClientRect();"
                        + "const bar = row.querySelector('.wf-bar').getBoundingClientRect();"
                        + "return {left: bar.left - track.left, width: bar.width, track: track.width};", spanId);
        Map<String, Object> m = (Map<String, Object>) result;
        return Map.of("left", ((Number) m.get("left")).doubleValue(), "width", ((Number) m.get("width")).doubleValue(),
                "track", ((Number) m.get("track")).doubleValue());
    }

    @Test
    void trendsPageShowsEachStepsPercentilesFailureRateSparklineAndTheSlowdown() {
        open(base + "/pipelines.html?pipeline=nightly");

        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=trend-row]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-step")).containsExactly("compile", "test");
        WebElement test = rows.get(1);
        assertThat(test.findElement(By.cssSelector("[data-testid=slower]")).getText()).isEqualTo("slower since run #7 (+1m)");
        assertThat(test.getText()).contains("8.3%"); // one failed run of twelve
        assertThat(test.findElements(By.cssSelector("svg.spark circle.failed"))).hasSize(1);
        String points = test.findElement(By.cssSelector("svg.spark polyline")).getAttribute("points");
        assertThat(points.split(" ")).hasSize(12);
        assertThat(rows.get(0).findElements(By.cssSelector("[data-testid=slower]"))).isEmpty();
        assertThat(rows.get(0).getText()).contains("1m 1s"); // p50 of 60, 61, 62 s by nearest rank
        assertThat(browser.findElements(By.cssSelector("[data-testid=runs] tbody tr"))).hasSize(12);
    }

    @Test
    void pipelinesListLinksToTrendsAndTheServicesPageLinksHere() {
        open(base + "/");
        browser.findElement(By.cssSelector("[data-testid=pipelines-link]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "ready".equals(
                b.findElement(By.id("main")).getAttribute("data-state")) && b.getCurrentUrl().endsWith("/pipelines.html"));

        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=pipeline-row]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-pipeline")).containsExactly("CI", "nightly", "release");
        rows.get(0).findElement(By.linkText("CI")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.getCurrentUrl().endsWith("?pipeline=CI")
                && "ready".equals(b.findElement(By.id("main")).getAttribute("data-state")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=trend-row]"))).isNotEmpty();
    }
}
