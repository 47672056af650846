package news.timeline.system;

import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader page in a real headless Chromium, while editors work through the command API. */
class ReaderPageBrowserTest {

    private static EmbeddedStack stack;
    private final Http http = new Http();
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String tid;

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withArguments("--timeline.kafka.group-id=browser-" + dataDir.getFileName()));
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @BeforeEach
    void openPage() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        tid = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        command("POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Browser story\",\"summary\":\"Live\"}", null);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void postedCorrectedAndRetractedUpdatesChangeInPlaceWithoutAReload() {
        String first = post("Opening update", "The count begins.");
        long posted = awaitProjected(first);
        browser.get(stack.queryUrl() + "/timelines/" + tid);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("update-" + first)));
        markPage();

        String uid = post("Polls close", "Douglas Carwswell arrives at the count.");
        WebElement article = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("update-" + uid)));
        assertThat(browser.findElements(By.cssSelector(".stream article")).get(0).getAttribute("id"))
                .isEqualTo("update-" + uid);
        assertThat(article.findElement(By.cssSelector(".byline")).getText()).as("credited").isEqualTo("editor");
        assertThat(Browser.accessibilityViolations(browser)).as("the reader page against WCAG 2 AA").isEmpty();

        command("PUT", "/api/timelines/" + tid + "/updates/" + uid, """
                {"headline":"Polls close","blocks":[{"type":"paragraph","text":"Douglas Carswell arrives at the count."}],
                 "change":{"kind":"CORRECTION","note":"Spelling of Carswell"}}""", "\"1\"");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("update-" + uid), "Corrected"));
        article = browser.findElement(By.id("update-" + uid));
        assertThat(article.getText()).contains("Douglas Carswell arrives").doesNotContain("Carwswell")
                .containsPattern("Corrected \\d\\d:\\d\\d: Spelling of Carswell");
        assertThat(article.findElement(By.cssSelector(".edited a")).getAttribute("href"))
                .endsWith("/timelines/" + tid + "/updates/" + uid + "/history");

        command("POST", "/api/timelines/" + tid + "/updates/" + uid + "/retraction",
                "{\"reason\":\"Wrong count\",\"publicNote\":\"This update was withdrawn.\"}", "\"2\"");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("update-" + uid), "withdrawn"));
        assertThat(browser.findElement(By.id("update-" + uid)).getText())
                .contains("This update was withdrawn.").doesNotContain("Polls close").doesNotContain("Douglas");
        assertThat(pageWasNotReloaded()).isTrue();
        assertThat(posted).isPositive();
    }

    /** An update erased by law turns into its public note on an open page, without a reload. */
    @Test
    void anErasedUpdateLeavesAnOpenPageWithoutAReload() {
        String uid = post("Witness named", "A witness, Jo Bloggs, gave evidence.");
        awaitProjected(uid);
        browser.get(stack.queryUrl() + "/timelines/" + tid);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("update-" + uid), "Jo Bloggs"));
        markPage();

        Http.Response requested = http.send("legal", "POST", stack.commandUrl() + "/api/timelines/" + tid
                + "/updates/" + uid + "/erasure", """
                {"reason":"Names a protected witness","legalReference":"Injunction 2025-117",
                 "publicNote":"This update was removed for legal reasons."}""", null);
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        assertThat(http.send("legal2", "POST", stack.commandUrl() + "/api/timelines/" + tid + "/erasures/"
                + requested.json().get("erasureId").asText() + "/approval", null, null).status()).isEqualTo(200);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("update-" + uid),
                "This update was removed for legal reasons."));
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Jo Bloggs");
        assertThat(pageWasNotReloaded()).isTrue();
        assertThat(Browser.accessibilityViolations(browser)).as("a page with an erased update").isEmpty();
    }

    @Test
    void aReaderDownThePageGetsANewUpdatesBarInsteadOfAJump() {
        for (int i = 1; i <= 8; i++) {
            post("Earlier update " + i, "Some words to make the page long enough to scroll. ".repeat(8));
        }
        awaitProjected(post("Last before reading", "text"));
        browser.get(stack.queryUrl() + "/timelines/" + tid);
        browser.executeScript("window.scrollTo(0, document.body.scrollHeight)");
        markPage();

        String uid = post("While you were reading", "News.");
        WebElement bar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".new-updates-button")));
        assertThat(bar.getText()).isEqualTo("1 new update");
        assertThat(browser.findElements(By.id("update-" + uid))).isEmpty();

        bar.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("update-" + uid)));
        assertThat(pageWasNotReloaded()).isTrue();
    }

    @Test
    void loadMoreUpdatesBringsOlderOnesWithoutAReload() {
        String oldest = null;
        for (int i = 1; i <= 25; i++) {
            String uid = post("Update " + i, "Text " + i);
            oldest = oldest == null ? uid : oldest;
        }
        awaitProjected(oldest);
        awaitSequence(25);
        browser.get(stack.queryUrl() + "/timelines/" + tid);
        markPage();
        assertThat(browser.findElements(By.cssSelector(".stream article"))).hasSize(20);

        browser.findElement(By.cssSelector(".load-more")).click();

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".stream article"), 25));
        assertThat(browser.findElement(By.id("update-" + oldest)).getText()).contains("Update 1");
        assertThat(browser.findElements(By.cssSelector(".load-more"))).isEmpty();
        assertThat(pageWasNotReloaded()).isTrue();
    }

    @Test
    void nothingAnEditorTypesRunsAsScript() {
        awaitProjected(post("<script>window.pwned = 'headline'</script>",
                "<img src=x onerror=\"window.pwned = 'paragraph'\">"));
        browser.get(stack.queryUrl() + "/timelines/" + tid);
        markPage();
        String live = post("<img src=y onerror=\"window.pwned = 'live'\">", "<script>window.pwned = 'live'</script>");
        WebElement article = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("update-" + live)));

        assertThat(article.getText()).contains("<img src=y onerror=");
        assertThat(browser.findElements(By.cssSelector("article img[src='x'], article img[src='y']"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.getPageSource()).contains("&lt;script&gt;window.pwned");
    }

    /**
     * Without an identity provider the auditors' pages ask a browser on a sign-in page of their own, not with its
     * password prompt (a script, as in {@link AuthorizationMatrixTest}, still gets 401 and may send HTTP Basic).
     */
    @Test
    void auditorsSignInOnASignInPage() {
        browser.get(stack.queryUrl() + "/audit/timelines/" + tid);
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertThat(Browser.accessibilityViolations(browser)).as("the auditors' sign-in page").isEmpty();
        username.sendKeys("auditor");
        browser.findElement(By.name("password")).sendKeys("auditor");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Browser story"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Intact");
        assertThat(Browser.accessibilityViolations(browser)).as("the auditors' timeline page").isEmpty();
    }

    private void markPage() {
        browser.executeScript("window.notReloaded = true");
    }

    private boolean pageWasNotReloaded() {
        return Boolean.TRUE.equals(browser.executeScript("return window.notReloaded === true"));
    }

    private String post(String headline, String text) {
        return command("POST", "/api/timelines/" + tid + "/updates", "{\"headline\":" + quote(headline)
                + ",\"blocks\":[{\"type\":\"paragraph\",\"text\":" + quote(text) + "}]}", null)
                .json().get("updateId").asText();
    }

    private long awaitProjected(String uid) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> http.get(stack.queryUrl() + "/api/timelines/" + tid + "/updates/" + uid),
                response -> response.status() == 200).json().get("sequence").asLong();
    }

    private void awaitSequence(long sequence) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> http.get(stack.queryUrl() + "/api/timelines/" + tid).json().get("lastSequence").asLong() >= sequence);
    }

    private Http.Response command(String method, String path, String json, String ifMatch) {
        Http.Response response = http.send("editor", method, stack.commandUrl() + path, json, ifMatch);
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
