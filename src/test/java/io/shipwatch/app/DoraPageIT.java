package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.testing.Requirements;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The DORA page in headless Chromium: the four tiles with levels and trends, the filters and the drill-downs. */
class DoraPageIT extends ScenarioServer {
    private static final List<String> TILES = List.of("deploymentFrequency", "leadTimeForChanges", "changeFailureRate",
            "timeToRestore");

    @TempDir
    static Path profile;

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        Path chromium = Requirements.executable("chromium");
        Path chromedriver = Requirements.executable("chromedriver");
        Requirements.require(chromium != null, "Chromium (the chromium package)");
        Requirements.require(chromedriver != null, "chromedriver (the chromium-driver package)");
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile.resolve("chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void fourTilesWithLevelsTrendsAndTheListsBehindThem() {
        String base = load(1); // staging ignored, incidents inside and outside the link window
        open(base + "/?page=dora");
        assertThat(browser.getTitle()).isEqualTo("DORA metrics · Shipwatch");
        assertThat(browser.findElements(By.cssSelector(".dora-tile"))).hasSize(4);
        assertThat(TILES.stream().map(t -> tile(t).getAttribute("data-level")).toList())
                .containsExactly("medium", "high", "low", "high");
        assertThat(TILES.stream().map(t -> text(tile(t), "dora-value")).toList())
                .containsExactly("0.7 / week", "24 h", "33.3 %", "1.5 h");
        assertThat(text(tile("changeFailureRate"), "dora-level")).isEqualTo("Low");
        for (String t : TILES) {
            // uPlot draws each trend on a canvas, one point per ISO week of the window
            assertThat(byTestId("dora-trend-" + t).findElements(By.tagName("canvas"))).as(t).hasSize(1);
        }
        assertThat(byTestId("dora-window").getText()).contains("Levels from DORA 2023");

        List<WebElement> failed = browser.findElements(By.cssSelector("[data-testid=failed-row]"));
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getText()).contains("checkout", "production · 2.0", "5xx spike", "5 h");
        List<WebElement> changes = browser.findElements(By.cssSelector("[data-testid=change-row]"));
        assertThat(changes).extracting(r -> r.getAttribute("data-sha")).containsExactly("c5", "c6", "c1");
    }

    @Test
    void filtersChangeTheUrlAndAWindowWithoutDataSaysSo() {
        String base = load(0);
        open(base + "/");
        browser.findElement(By.cssSelector("[data-testid=dora-link]")).click();
        awaitSettled();
        assertThat(browser.getCurrentUrl()).endsWith("/?page=dora");

        new Select(byTestId("dora-filter-service")).selectByValue("checkout");
        awaitSettled();
        assertThat(browser.getCurrentUrl()).endsWith("/?page=dora&service=checkout");
        assertThat(text(tile("deploymentFrequency"), "dora-value")).isEqualTo("0.7 / week");

        WebElement team = byTestId("dora-filter-team");
        team.sendKeys("nobody");
        team.submit();
        awaitSettled();
        assertThat(URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8))
                .endsWith("/?page=dora&service=checkout&team=nobody");
        assertThat(text(tile("leadTimeForChanges"), "dora-value")).isEqualTo("No data");
        assertThat(text(tile("leadTimeForChanges"), "dora-level")).isEqualTo("No data");
        assertThat(text(tile("changeFailureRate"), "dora-value")).isEqualTo("No data");
        assertThat(tile("deploymentFrequency").getAttribute("data-level")).isEqualTo("low");
        assertThat(byTestId("failed-table").getText()).contains("No failed deployments in this window.");
    }

    private static WebElement tile(String key) {
        return byTestId("dora-tile-" + key);
    }

    private static String text(WebElement in, String testId) {
        return in.findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
    }

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static void open(String url) {
        browser.get(url);
        awaitSettled();
        assertThat(state()).as("page state of " + url + ": " + browser.findElement(By.id("main")).getText())
                .isEqualTo("ready");
    }

    private static String state() {
        return browser.findElement(By.id("main")).getAttribute("data-state");
    }

    private static void awaitSettled() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !"loading".equals(state()));
    }
}
