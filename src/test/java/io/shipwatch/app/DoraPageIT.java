package io.shipwatch.app;

import static io.shipwatch.testing.UiBrowser.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.UiBrowser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The DORA page in headless Chromium: tiles with levels and trends, the time range, the filters and drill-downs. */
class DoraPageIT extends ScenarioServer {
    private static final List<String> TILES = List.of("deploymentFrequency", "leadTimeForChanges", "changeFailureRate",
            "timeToRestore");

    @TempDir
    static Path profile;

    private static UiBrowser browser;

    @BeforeAll
    static void startBrowser() {
        browser = UiBrowser.start(profile);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void fourTilesWithLevelsTrendsAndTheListsBehindThem() {
        String base = load(1); // staging ignored, incidents inside and outside the link window
        browser.open(base + "/?page=dora");
        assertThat(browser.driver().getTitle()).isEqualTo("DORA metrics · Shipwatch");
        assertThat(browser.driver().findElements(By.cssSelector(".dora-tile"))).hasSize(4);
        assertThat(TILES.stream().map(t -> tile(t).getAttribute("data-level")).toList())
                .containsExactly("medium", "high", "low", "high");
        assertThat(TILES.stream().map(t -> text(tile(t), "dora-value")).toList())
                .containsExactly("0.7 / week", "24 h", "33.3 %", "1.5 h");
        assertThat(text(tile("changeFailureRate"), "dora-level")).isEqualTo("Low");
        for (String t : TILES) {
            // uPlot draws each trend on a canvas, one point per ISO week of the window, with a labelled value axis
            WebElement trend = browser.byTestId("dora-trend-" + t);
            assertThat(trend.findElements(By.tagName("canvas"))).as(t).hasSize(1);
            assertThat(trend.getAttribute("data-y-ticks")).as(t).isNotBlank();
        }
        assertThat(browser.byTestId("dora-trend-leadTimeForChanges").getAttribute("data-y-ticks")).contains(" h");
        assertThat(browser.byTestId("dora-trend-changeFailureRate").getAttribute("data-y-ticks")).contains("%");
        assertThat(browser.byTestId("dora-window").getText()).contains("Levels from DORA 2023");
        assertThat(browser.byTestId("dora-range-30d").getAttribute("aria-pressed")).isEqualTo("true");

        List<WebElement> failed = browser.driver().findElements(By.cssSelector("[data-testid=failed-row]"));
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getText()).contains("checkout", "production · 2.0", "5xx spike", "5 h");
        List<WebElement> changes = browser.driver().findElements(By.cssSelector("[data-testid=change-row]"));
        assertThat(changes).extracting(r -> r.getAttribute("data-sha")).containsExactly("c5", "c6", "c1");
    }

    @Test
    void customDatesAndPresetsChangeTheWindowTheRequestAndTheTiles() {
        String base = load(1); // production deployments on Nov 10 (failed), Nov 12 and Nov 20
        browser.open(base + "/?page=dora&service=checkout");
        assertThat(text(tile("changeFailureRate"), "dora-value")).isEqualTo("33.3 %");

        setDate("dora-from", "2026-11-15");
        setDate("dora-to", "2026-11-25");
        browser.byTestId("dora-custom-range").submit();
        browser.awaitSettled();

        assertThat(browser.driver().getCurrentUrl()).endsWith("/?page=dora&service=checkout&from=2026-11-15&to=2026-11-25");
        Map<String, String> asked = query(last(browser.requests("/api/v1/dora")));
        // whole local days, the last one included
        assertThat(asked).containsEntry("from", localMidnight(2026, 11, 15)).containsEntry("to", localMidnight(2026, 11, 26));
        assertThat(asked.get("service")).isEqualTo("checkout");
        assertThat(Instant.parse(browser.byTestId("dora-window").getAttribute("data-from")))
                .isEqualTo(Instant.parse(asked.get("from")));
        assertThat(text(tile("changeFailureRate"), "dora-value")).isEqualTo("0 %"); // only the Nov 20 deployment
        assertThat(tile("changeFailureRate").getText()).contains("0 of 1 deployments failed");
        assertThat(browser.byTestId("dora-range-30d").getAttribute("aria-pressed")).isEqualTo("false");

        browser.byTestId("dora-range-7d").click();
        browser.awaitSettled();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/?page=dora&service=checkout&range=7d");
        Map<String, String> week = query(last(browser.requests("/api/v1/dora")));
        assertThat(Duration.between(Instant.parse(week.get("from")), Instant.parse(week.get("to"))))
                .isEqualTo(Duration.ofDays(7));
        assertThat(Instant.parse(browser.byTestId("dora-window").getAttribute("data-to")))
                .isEqualTo(Instant.parse(week.get("to")));
        // the browser's last 7 days lie after the scenario's November
        assertThat(text(tile("changeFailureRate"), "dora-value")).isEqualTo("No data");
        assertThat(browser.byTestId("dora-range-7d").getAttribute("aria-pressed")).isEqualTo("true");

        // a shared link opens the same window, with its dates in the inputs
        browser.open(base + "/?page=dora&service=checkout&from=2026-11-15&to=2026-11-25");
        assertThat(browser.byTestId("dora-from").getAttribute("value")).isEqualTo("2026-11-15");
        assertThat(browser.byTestId("dora-to").getAttribute("value")).isEqualTo("2026-11-25");
        assertThat(text(tile("changeFailureRate"), "dora-value")).isEqualTo("0 %");
    }

    @Test
    void fromAfterToIsRefusedOnThePage() {
        String base = load(1);
        browser.open(base + "/?page=dora");
        setDate("dora-from", "2026-11-25");
        setDate("dora-to", "2026-11-15");
        browser.byTestId("dora-custom-range").submit();

        assertThat(browser.byTestId("dora-range-error").getText()).isEqualTo("From must be a date on or before To.");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/?page=dora");
    }

    @Test
    void hoveringAWeekShowsItsPeriodAndValue() {
        String base = load(1);
        browser.open(base + "/?page=dora&from=2026-11-02&to=2026-11-29");
        Map<String, String> asked = query(last(browser.requests("/api/v1/dora")));
        JsonNode weeks = Http.get(base + "/api/v1/dora?from=" + asked.get("from") + "&to=" + asked.get("to"))
                .json().path("weeks");
        int index = -1;
        for (int i = 0; i < weeks.size(); i++) {
            if (weeks.get(i).path("weekStart").asText().equals("2026-11-09")) {
                index = i;
            }
        }
        assertThat(index).as("week of Nov 9 in " + weeks).isNotNegative();
        int deployments = weeks.get(index).at("/deploymentFrequency/deployments").asInt();
        assertThat(deployments).isEqualTo(2); // p1 and p2

        WebElement tip = browser.hoverCategory(browser.byTestId("dora-trend-deploymentFrequency"), index, weeks.size());
        assertThat(tip.getText()).contains("Nov 9, 2026 – Nov 15, 2026", "Deployment frequency",
                deployments + " deployments");

        double leadHours = weeks.get(index).at("/leadTimeForChanges/medianHours").asDouble();
        tip = browser.hoverCategory(browser.byTestId("dora-trend-leadTimeForChanges"), index, weeks.size());
        assertThat(tip.getText()).contains("median " + hours(leadHours));
    }

    @Test
    void filtersChangeTheUrlAndAWindowWithoutDataSaysSo() {
        String base = load(0);
        browser.open(base + "/");
        browser.byTestId("dora-link").click();
        browser.awaitSettled();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/?page=dora");

        new Select(browser.byTestId("dora-filter-service")).selectByValue("checkout");
        browser.awaitSettled();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/?page=dora&service=checkout");
        assertThat(text(tile("deploymentFrequency"), "dora-value")).isEqualTo("0.7 / week");

        WebElement team = browser.byTestId("dora-filter-team");
        team.sendKeys("nobody");
        team.submit();
        browser.awaitSettled();
        assertThat(URLDecoder.decode(browser.driver().getCurrentUrl(), StandardCharsets.UTF_8))
                .endsWith("/?page=dora&service=checkout&team=nobody");
        assertThat(text(tile("leadTimeForChanges"), "dora-value")).isEqualTo("No data");
        assertThat(text(tile("leadTimeForChanges"), "dora-level")).isEqualTo("No data");
        assertThat(text(tile("changeFailureRate"), "dora-value")).isEqualTo("No data");
        assertThat(tile("deploymentFrequency").getAttribute("data-level")).isEqualTo("low");
        assertThat(browser.byTestId("failed-table").getText()).contains("No failed deployments in this window.");
    }

    private static WebElement tile(String key) {
        return browser.byTestId("dora-tile-" + key);
    }

    /** Sets a date input as a user's picker would (typing into one depends on the browser's locale). */
    private static void setDate(String testId, String date) {
        browser.script("arguments[0].value = arguments[1];", browser.byTestId(testId), date);
    }

    /** When the browser's local day starts, as the page sends it. */
    private static String localMidnight(int year, int month, int day) {
        return (String) browser.script("return new Date(arguments[0], arguments[1] - 1, arguments[2]).toISOString();",
                year, month, day);
    }

    /** The page's way of writing hours: minutes below one hour, hours below two days, else days. */
    private static String hours(double h) {
        return h < 1 ? num(h * 60) + " min" : h < 48 ? num(h) + " h" : num(h / 24) + " days";
    }

    private static String num(double v) {
        return new BigDecimal(v).setScale(v < 10 ? 2 : 1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    private static String last(List<String> urls) {
        assertThat(urls).isNotEmpty();
        return urls.get(urls.size() - 1);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
