package io.shipwatch.testing;

import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The system's Chromium, headless, driven by its own chromedriver; skips (or fails in CI) when either is missing. */
public final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** Starts a browser with its profile under {@code dir}; quit it when done. */
    public static WebDriver start(Path dir) {
        Path chromium = Requirements.executable("chromium");
        Path chromedriver = Requirements.executable("chromedriver");
        Requirements.require(chromium != null, "Chromium (the chromium package)");
        Requirements.require(chromedriver != null, "chromedriver (the chromium-driver package)");
        // a driver given by path: Selenium Manager never runs, so nothing is downloaded
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
