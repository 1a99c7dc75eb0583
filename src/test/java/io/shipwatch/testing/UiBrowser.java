package io.shipwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the Shipwatch web UI, for the page tests: open a page and wait until it is drawn, find elements
 * by {@code data-testid}, hover a chart's category, and list the API requests the page made.
 */
public final class UiBrowser implements AutoCloseable {
    private final WebDriver driver;

    private UiBrowser(WebDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser with its profile under {@code dir}. */
    public static UiBrowser start(Path dir) {
        return new UiBrowser(HeadlessChromium.start(dir));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code url} and waits until the page is drawn; fails with the page's text when it is not ready. */
    public void open(String url) {
        driver.get(url);
        awaitSettled();
        assertThat(state()).as("page state of " + url + ": " + driver.findElement(By.id("main")).getText())
                .isEqualTo("ready");
    }

    /** The page's {@code data-state}: loading, ready, auth or error. */
    public String state() {
        return driver.findElement(By.id("main")).getAttribute("data-state");
    }

    /** Waits until the page is no longer loading (after a click that navigates). */
    public void awaitSettled() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(b -> !"loading".equals(state()));
    }

    public WebElement byTestId(String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    /** The text of the element with {@code testId} inside {@code in}. */
    public static String text(WebElement in, String testId) {
        return in.findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Moves the mouse over category {@code index} of {@code count} on a chart drawn by charts.js'
     * drawCategoryChart (each category is an equal column of the plot) and returns the hover box shown.
     */
    public WebElement hoverCategory(WebElement chart, int index, int count) {
        WebElement plot = chart.findElement(By.cssSelector(".u-over"));
        int width = plot.getSize().getWidth();
        int x = (int) Math.round(width * (index + 0.5) / count - width / 2.0);
        new Actions(driver).moveToElement(plot, x, 0).perform();
        WebElement tip = chart.findElement(By.cssSelector("[data-testid=chart-tip]"));
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(b -> tip.isDisplayed()
                && String.valueOf(index).equals(tip.getAttribute("data-index")));
        return tip;
    }

    /** The URLs this page (one document, across its in-page navigations) fetched that start with {@code path}. */
    public List<String> requests(String path) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) script("return performance.getEntriesByType('resource')"
                + ".map((e) => e.name).filter((n) => new URL(n).pathname === arguments[0]);", path);
        return urls;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
