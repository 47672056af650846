package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production sign-in, in real Chromium against a real OpenID Connect provider ({@link NewsroomIdentityProvider}):
 * the desk signs in as a public client with PKCE and writes with the provider's access token, the editor's name from
 * the provider on what they write; the auditors' pages sign in on the server (a confidential client with PKCE); the
 * roles are the provider's, and the services' demo passwords open nothing.
 */
class IdentityProviderSignInBrowserTest {

    private static NewsroomIdentityProvider provider;
    private static EmbeddedStack stack;
    private final Http http = new Http();
    private final List<ChromeDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dataDir) {
        provider = NewsroomIdentityProvider.start();
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withArguments("--timeline.kafka.group-id=sign-in-" + dataDir.getFileName(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + provider.issuer(),
                        "--timeline.security.oidc.desk-client-id=timeline-desk")
                .withQueryArguments("--timeline.security.oidc.pages-client-id=timeline-audit",
                        "--timeline.security.oidc.pages-client-secret=audit-secret"));
        provider.registerDesk("timeline-desk", stack.commandUrl());
        provider.registerPages("timeline-audit", "audit-secret", stack.queryUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
        provider.close();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(ChromeDriver::quit);
    }

    @Test
    void anEditorSignsInToTheDeskThroughTheProviderAndWritesUnderTheirName() {
        ChromeDriver browser = browser();
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(stack.commandUrl() + "/desk/");
        WebElement button = waiting.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#provider-sign-in button")));
        assertThat(browser.findElement(By.id("sign-in-form")).isDisplayed()).as("no password form").isFalse();
        assertThat(Browser.accessibilityViolations(browser)).as("the desk's sign-in").isEmpty();
        button.click();

        signInAtProvider(browser, waiting, "jane.doe");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Signed in as jane.doe"));
        assertThat(browser.getCurrentUrl()).as("the code is not left in the address bar").doesNotContain("code=");

        String tid = "oidc-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.cssSelector("#timelines details summary")).click();
        WebElement open = browser.findElement(By.id("open-form"));
        open.findElement(By.name("title")).sendKeys("Count night");
        open.findElement(By.name("id")).sendKeys(tid);
        open.findElement(By.cssSelector("button[type=submit]")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline-title"), "Count night"));
        WebElement post = browser.findElement(By.id("post-form"));
        post.findElement(By.name("headline")).sendKeys("Polls close");
        post.findElement(By.name("text")).sendKeys("Counting begins in Clacton.");
        post.findElement(By.cssSelector("button[type=submit]")).click();

        JsonNode update = await().atMost(Duration.ofSeconds(20)).until(() -> http.get(stack.queryUrl()
                + "/api/timelines/" + tid).json().path("updates").path(0), item -> !item.isMissingNode());
        assertThat(update.get("headline").asText()).isEqualTo("Polls close");
        assertThat(update.get("byline").asText()).as("credited to the provider's user").isEqualTo("jane.doe");

        // the auditor reads it on their pages, signed in through the provider in a browser of their own
        ChromeDriver auditor = browser();
        WebDriverWait auditorWaiting = new WebDriverWait(auditor, Duration.ofSeconds(20));
        auditor.get(stack.queryUrl() + "/audit/timelines/" + tid);
        signInAtProvider(auditor, auditorWaiting, "ann.auditor");
        auditorWaiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Polls close"));
        assertThat(auditor.findElement(By.tagName("body")).getText()).contains("Intact", "jane.doe");
        assertThat(Browser.accessibilityViolations(auditor)).as("the auditors' page").isEmpty();

        // signing out of the desk signs out of the provider: the next sign-in asks for the password again
        browser.findElement(By.id("sign-out")).click();
        waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#provider-sign-in button"))).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.name("password")));
        assertThat(browser.getCurrentUrl()).startsWith(provider.issuer());
    }

    @Test
    void auditorsSignInToTheirPagesThroughTheProviderAndEditorsAreRefused() {
        String tid = "oidc-" + UUID.randomUUID().toString().substring(0, 8);
        ChromeDriver auditor = browser();
        WebDriverWait waiting = new WebDriverWait(auditor, Duration.ofSeconds(20));
        auditor.get(stack.queryUrl() + "/audit/timelines/" + tid);
        signInAtProvider(auditor, waiting, "ann.auditor");
        waiting.until(ExpectedConditions.urlContains(stack.queryUrl() + "/audit/timelines/" + tid));
        assertThat(auditor.findElement(By.tagName("body")).getText()).as("let in: the timeline is not there")
                .contains("no timeline " + tid);

        ChromeDriver editor = browser();
        editor.get(stack.queryUrl() + "/audit/timelines/" + tid);
        signInAtProvider(editor, new WebDriverWait(editor, Duration.ofSeconds(20)), "jane.doe");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(editor.findElement(By.tagName("body")).getText()).contains("403"));
        assertThat(editor.getPageSource()).doesNotContain("no timeline");
    }

    @Test
    void theServicesOwnPasswordsOpenNothingWhenTheProviderSignsIn() {
        assertThat(http.send("editor", "POST", stack.commandUrl() + "/api/timelines",
                "{\"title\":\"By-election night\"}", null).status()).isEqualTo(401);
        assertThat(http.get(stack.commandUrl() + "/desk/sign-in").json().get("password").asBoolean()).isFalse();
    }

    private static void signInAtProvider(ChromeDriver browser, WebDriverWait waiting, String user) {
        waiting.until(ExpectedConditions.urlContains(provider.issuer()));
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(NewsroomIdentityProvider.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private ChromeDriver browser() {
        ChromeDriver browser = Browser.start();
        browsers.add(browser);
        return browser;
    }
}
