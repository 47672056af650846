package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor desk in real headless Chromium: two editors, each in their own browser, on one story. The second to
 * save meets a stale revision, keeps their draft, sees the current text and the difference, and saves after merging.
 */
class DeskBrowserTest {

    private static EmbeddedStack stack;
    private final Http http = new Http();
    private final List<ChromeDriver> browsers = new ArrayList<>();
    private String tid;

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withArguments("--timeline.kafka.group-id=desk-" + dataDir.getFileName()));
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @BeforeEach
    void openTimeline() {
        tid = "desk-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.send("editor", "POST", stack.commandUrl() + "/api/timelines",
                "{\"id\":\"" + tid + "\",\"title\":\"By-election night\",\"summary\":\"Live\"}", null).status())
                .isEqualTo(201);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(ChromeDriver::quit);
    }

    @Test
    void aSecondSaveOnAStaleRevisionKeepsTheDraftShowsTheDifferenceAndSucceedsAfterMerging() {
        Desk jane = signIn("editor");
        Desk john = signIn("editor2");

        jane.post("Polls close", "Douglas Carwswell arrives at the count.");
        String uid = jane.awaitUpdate("Polls close").getAttribute("id").substring("update-".length());
        john.awaitUpdate("Polls close");
        jane.edit(uid);
        john.edit(uid);

        jane.type(uid, "textarea[name=text]", "Douglas Carswell arrives at the count.");
        jane.kind(uid, "TYPO");
        jane.save(uid);
        jane.awaitText(uid, "Revision 2");

        john.awaitText(uid, "Changed by someone else: now at revision 2");
        john.type(uid, "textarea[name=text]", "Douglas Carwswell arrives at the count in Clacton.");
        john.kind(uid, "UPDATE");
        john.save(uid);

        WebElement conflict = john.waiting.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#update-" + uid + " .conflict")));
        assertThat(conflict.findElement(By.cssSelector(".current-text")).getText())
                .contains("Douglas Carswell arrives at the count.");
        assertThat(conflict.findElements(By.cssSelector(".diff del"))).extracting(WebElement::getText)
                .anySatisfy(removed -> assertThat(removed).contains("Carswell"));
        assertThat(conflict.findElements(By.cssSelector(".diff ins"))).extracting(WebElement::getText)
                .anySatisfy(added -> assertThat(added).contains("Carwswell"));
        assertThat(john.field(uid, "textarea[name=text]").getAttribute("value"))
                .as("the draft is kept").isEqualTo("Douglas Carwswell arrives at the count in Clacton.");

        john.type(uid, "textarea[name=text]", "Douglas Carswell arrives at the count in Clacton.");
        john.click(uid, ".rebase");

        john.awaitText(uid, "Revision 3");
        jane.awaitText(uid, "Douglas Carswell arrives at the count in Clacton.");
        JsonNode update = http.get(stack.queryUrl() + "/api/timelines/" + tid + "/updates/" + uid + "?minSequence=3")
                .json();
        assertThat(update.get("revision").asInt()).isEqualTo(3);
        assertThat(update.get("blocks").get(0).get("text").asText())
                .isEqualTo("Douglas Carswell arrives at the count in Clacton.");
        JsonNode history = http.get(stack.queryUrl() + "/api/timelines/" + tid + "/updates/" + uid + "/history").json();
        assertThat(history.get("revisions").findValues("kind")).extracting(JsonNode::asText)
                .containsExactly("POSTED", "TYPO", "UPDATE");
    }

    @Test
    void anEditorPinsRetractsAndReadsTheHistoryFromTheDesk() {
        Desk jane = signIn("editor");
        jane.post("Recount ordered", "A recount has been ordered in Rochester.");
        String uid = jane.awaitUpdate("Recount ordered").getAttribute("id").substring("update-".length());

        jane.click(uid, ".pin");
        jane.awaitText(uid, "Pinned");
        jane.click(uid, ".retract");
        jane.type(uid, "input[name=reason]", "Returning officer denied it");
        jane.type(uid, "input[name=publicNote]", "This update was withdrawn: no recount was ordered.");
        jane.click(uid, ".retract-form button[type=submit]");
        jane.awaitText(uid, "Retracted");
        jane.click(uid, ".history");
        jane.awaitText(uid, "Revision 2 · retraction");
        assertThat(Browser.accessibilityViolations(jane.browser)).as("a pinned, retracted update's story view")
                .isEmpty();

        JsonNode update = http.get(stack.queryUrl() + "/api/timelines/" + tid + "/updates/" + uid).json();
        assertThat(update.get("status").asText()).isEqualTo("RETRACTED");
        assertThat(update.get("retraction").get("publicNote").asText())
                .isEqualTo("This update was withdrawn: no recount was ordered.");
        assertThat(update.get("headline")).isNull();
    }

    /** An image shows as an image with its caption, and an update neither pinned nor key shows no stray words. */
    @Test
    void updatesShowTheirImagesAndNothingElse() {
        assertThat(http.send("editor", "POST", stack.commandUrl() + "/api/timelines/" + tid + "/updates", """
                {"headline":"Media scrum","blocks":[{"type":"paragraph","text":"Reporters everywhere."},
                 {"type":"image","url":"https://img.example.org/scrum.jpg","caption":"Farage faces the media",
                  "credit":"ITV News","alt":"Reporters around two men"}]}""", null).status()).isEqualTo(201);
        Desk jane = signIn("editor");
        WebElement update = jane.awaitUpdate("Media scrum");

        WebElement image = update.findElement(By.cssSelector("figure.image img"));
        assertThat(image.getAttribute("alt")).isEqualTo("Reporters around two men");
        assertThat(update.findElement(By.cssSelector("figure.image figcaption")).getText())
                .isEqualTo("Farage faces the media Credit: ITV News");
        assertThat(update.getText()).doesNotContain("false").doesNotContain("[Image]");
        assertThat(Browser.accessibilityViolations(jane.browser)).as("the story view against WCAG 2 AA").isEmpty();
    }

    @Test
    void aReaderOrAuditorAccountCannotUseTheDesk() {
        Desk auditor = open();
        auditor.signIn("auditor");
        assertThat(auditor.waiting.until(ExpectedConditions.visibilityOfElementLocated(
                By.id("sign-in-error"))).getText()).contains("may not use the desk");
        auditor.signIn("nobody");
        auditor.waiting.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("sign-in-error"), "Wrong user or password"));
    }

    private Desk signIn(String user) {
        Desk desk = open();
        desk.signIn(user);
        desk.waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline-title"), "By-election night"));
        return desk;
    }

    private Desk open() {
        ChromeDriver browser = Browser.start();
        browsers.add(browser);
        browser.get(stack.commandUrl() + "/desk#timeline=" + tid);
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(20));
        // the desk renders an update again when the stream brings its events: an element found just before is gone
        waiting.ignoring(StaleElementReferenceException.class);
        return new Desk(browser, waiting);
    }

    /** One editor's browser on the desk. */
    private record Desk(ChromeDriver browser, WebDriverWait waiting) {

        void signIn(String user) {
            WebElement username = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
            username.clear();
            username.sendKeys(user);
            WebElement password = browser.findElement(By.name("password"));
            password.clear();
            password.sendKeys(user);
            browser.findElement(By.cssSelector("#sign-in-form button")).click();
        }

        void post(String headline, String text) {
            WebElement form = browser.findElement(By.id("post-form"));
            form.findElement(By.name("headline")).sendKeys(headline);
            form.findElement(By.name("text")).sendKeys(text);
            form.findElement(By.cssSelector("button[type=submit]")).click();
        }

        WebElement awaitUpdate(String headline) {
            return waiting.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//ol[@id='updates']/li[.//h4[text()='" + headline + "']]")));
        }

        /** Clicks in an update, found afresh until the click lands (see {@link #open}). */
        void click(String uid, String selector) {
            waiting.until(driver -> {
                driver.findElement(By.cssSelector("#update-" + uid + " " + selector)).click();
                return true;
            });
        }

        void edit(String uid) {
            click(uid, ".edit");
            waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#update-" + uid + " .edit-form")));
        }

        WebElement field(String uid, String selector) {
            return browser.findElement(By.cssSelector("#update-" + uid + " .panel " + selector));
        }

        void type(String uid, String selector, String text) {
            WebElement field = waiting.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#update-" + uid + " .panel " + selector)));
            field.clear();
            field.sendKeys(text);
        }

        void kind(String uid, String kind) {
            new Select(field(uid, "select[name=kind]")).selectByValue(kind);
        }

        void save(String uid) {
            click(uid, ".panel .save");
        }

        void awaitText(String uid, String text) {
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("update-" + uid), text));
        }
    }
}
