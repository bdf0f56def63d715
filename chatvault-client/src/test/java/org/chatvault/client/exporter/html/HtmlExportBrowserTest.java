package org.chatvault.client.exporter.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.exporter.ExportService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML export in a real browser: Debian's chromium driven by its chromedriver (both from apt,
 * nothing downloaded: the driver's path is given, so Selenium Manager is never asked). Skipped
 * when the browser is not installed, unless CHATVAULT_REQUIRE_BROWSER=1 (CI), which makes that a
 * failure. Screenshots go to target/screenshots/.
 */
class HtmlExportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long T0 = Instant.parse("2025-01-05T08:00:00Z").toEpochMilli();
    private static final int FAMILY_TEXTS = 2_600;

    @TempDir Path dir;
    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "1".equals(System.getenv("CHATVAULT_REQUIRE_BROWSER")))
            fail("CHATVAULT_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: install Debian's chromium and chromium-driver (.ci/run does)");
        Assumptions.assumeTrue(installed, "skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver; CHATVAULT_REQUIRE_BROWSER=1 makes this a failure)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--user-data-dir=" + dir.resolve("profile"));
        options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void theChosenConversationOpensOnItsNewestMessagesWithTheThumbnailAndNothingFromTheNetwork() throws Exception {
        Path out = dir.resolve("export");
        String full = HtmlHistory.contentId(1);
        String thumb = HtmlHistory.contentId(2);
        ExportReport report;
        try (LocalStore store = LocalStore.open(dir.resolve("local.db"))) {
            HtmlHistory history = new HtmlHistory(store);
            history.conversation("family", ConversationKind.GROUP, "Family <& \"Friends\">", "Ann", "Ben", "me");
            history.conversation("work", ConversationKind.DIRECT, "Work", "Wu", "me");
            history.texts("family", FAMILY_TEXTS, T0, "family");
            history.texts("work", 20, T0 - 86_400_000L, "work");
            history.png(full, 640, 480, new Color(30, 90, 200));
            history.png(thumb, 160, 120, new Color(30, 90, 200));
            long last = T0 + (FAMILY_TEXTS + 1) * 60_000L;
            history.add(HtmlHistory.photo("family", "photo", last, "Ann", "beach day", full, thumb),
                    Message.text("family", "final", last + 60_000, "me", "see you <soon> & bye"));
            report = new ExportService(store).run(out, ExportFormat.HTML, ExportOptions.all(ZONE));
        }
        assertThat(report.messages()).isEqualTo(FAMILY_TEXTS + 2 + 20);
        Files.createDirectories(SCREENSHOTS);

        browser.manage().window().setSize(new Dimension(412, 915)); // a phone's screen
        browser.get("about:blank");
        requestedUrls(); // drains what the browser's own start page fetched
        browser.get(out.resolve(HtmlExporter.INDEX).toUri().toString());
        assertThat(browser.getTitle()).isEqualTo("Chat archive");
        List<WebElement> titles = browser.findElements(By.cssSelector(".conversation .title"));
        assertThat(titles).extracting(WebElement::getText).containsExactly("Family <& \"Friends\">", "Work");
        assertThat(browser.findElement(By.cssSelector(".conversations li")).getText()).contains("2,602 message(s) · 3 pages");
        screenshot("index-phone");

        titles.get(0).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.titleIs("Family <& \"Friends\">"));
        // 2,602 messages in pages of 1,000: the link opens the third, newest page, scrolled to its end.
        assertThat(browser.getCurrentUrl()).matches("file://.*/conv-[0-9a-f]{8}-3\\.html#newest");
        JavascriptExecutor js = browser;
        List<WebElement> messages = browser.findElements(By.cssSelector("main article.message"));
        WebElement newest = messages.get(messages.size() - 1);
        assertThat(newest.getText()).contains("see you <soon> & bye");
        assertThat((Boolean) js.executeScript("var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight",
                newest)).as("the newest message is on screen").isTrue();
        screenshot("conversation-opened-phone");
        String text = browser.findElement(By.tagName("main")).getText();
        assertThat(text).contains("family " + FAMILY_TEXTS).contains("beach day").contains("see you <soon> & bye")
                .doesNotContain("family 2000\n");
        WebElement img = browser.findElement(By.cssSelector("a.image img"));
        assertThat(img.getAttribute("src")).contains("/media/thumb_holiday_photo_");
        assertThat(img.findElement(By.xpath("..")).getAttribute("href")).contains("/media/holiday_photo_");
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", img);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d ->
                (Boolean) js.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", img));
        assertThat(((Number) js.executeScript("return arguments[0].naturalWidth", img)).intValue()).isEqualTo(160);
        // The local stylesheet applied (phone-width layout), and nothing runs off the side of a phone's screen.
        assertThat(js.executeScript("return getComputedStyle(document.querySelector('.message.mine')).marginLeft")).isNotEqualTo("0px");
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(((Number) js.executeScript("return window.innerWidth")).intValue());
        screenshot("conversation-newest-phone");

        browser.findElement(By.cssSelector("header a[rel=prev]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlMatches("conv-[0-9a-f]{8}-2\\.html$"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("family 1001").contains("family 2000")
                .doesNotContain("beach day");
        browser.manage().window().setSize(new Dimension(1280, 900));
        screenshot("conversation-older-desktop");

        List<String> urls = requestedUrls();
        assertThat(urls).as("requests the exported pages made").isNotEmpty()
                .anySatisfy(u -> assertThat(u).contains("/media/thumb_holiday_photo_"))
                .anySatisfy(u -> assertThat(u).endsWith("/style.css"))
                .allSatisfy(u -> assertThat(u).as("only local files").startsWith("file://"));
    }

    /**
     * Every URL the exported pages (and navigation to them) asked for since the last call, from Chrome's
     * performance log (Network.requestWillBeSent): requests whose document is a file, so the browser's own
     * pages (chrome://) do not count, but anything an exported page fetched, from anywhere, does.
     */
    private List<String> requestedUrls() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = json.readTree(entry.getMessage()).path("message");
            if (!"Network.requestWillBeSent".equals(message.path("method").asText())) continue;
            JsonNode params = message.path("params");
            String url = params.path("request").path("url").asText();
            if (params.path("documentURL").asText().startsWith("file:") || url.startsWith("file:")) urls.add(url);
        }
        return urls;
    }

    private void screenshot(String name) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
