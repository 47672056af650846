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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    /**
     * A contributor files a draft; an editor, on the desk at the same time, sees it arrive and sends it back with a
     * note; the contributor sees the note, edits, and the editor publishes: readers see it credited to the
     * contributor. Contributors see no way to publish, edit or retract what is out.
     */
    @Test
    void aContributorsDraftIsSentBackEditedAndPublishedByAnEditor() {
        Desk editor = signIn("editor");
        Desk contributor = signIn("contributor");
        assertThat(contributor.browser.findElement(By.id("new-update-title")).getText())
                .isEqualTo("File a draft for an editor");
        assertThat(contributor.browser.findElements(By.cssSelector("#post-form button[value=post]"))).isEmpty();

        String did = contributor.fileDraft("Count under way in Clacton", "Ballot boxes are arriving at the count.");

        editor.awaitText("draft-" + did, "Waiting for an editor");
        editor.click("draft-" + did, ".send-back");
        editor.type("draft-" + did, "input[name=note]", "Say which count: there are two tonight.");
        editor.click("draft-" + did, ".rejection-form button[type=submit]");

        contributor.awaitText("draft-" + did, "Say which count: there are two tonight.");
        contributor.click("draft-" + did, ".edit-draft");
        contributor.type("draft-" + did, "input[name=headline]", "Clacton count under way");
        contributor.click("draft-" + did, ".draft-form button[type=submit]");
        contributor.awaitText("draft-" + did, "revision 2");
        assertThat(contributor.browser.findElements(By.cssSelector("#draft-" + did + " .publish"))).isEmpty();

        editor.awaitText("draft-" + did, "Clacton count under way");
        assertThat(Browser.accessibilityViolations(editor.browser)).as("the desk with its drafts").isEmpty();
        editor.click("draft-" + did, ".publish");
        String uid = editor.awaitUpdate("Clacton count under way").getAttribute("id").substring("update-".length());
        editor.waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("draft-" + did)));

        JsonNode update = http.get(stack.queryUrl() + "/api/timelines/" + tid + "/updates/" + uid).json();
        assertThat(update.get("byline").asText()).isEqualTo("contributor");
        WebElement published = contributor.awaitUpdate("Clacton count under way");
        assertThat(published.findElements(By.cssSelector(".edit, .retract, .pin"))).as("not a contributor's to change")
                .isEmpty();
    }

    /** Scheduled from the desk, a draft goes out at its time, not before; the queue says when. */
    @Test
    void anEditorSchedulesADraftFromTheDesk() {
        Desk editor = signIn("editor");
        String did = editor.fileDraft("Result expected at 3am", "The returning officer expects to declare at 3am.");

        editor.click("draft-" + did, ".schedule");
        // datetime-local holds the browser's own local time (here to the second, as a script may set it)
        LocalDateTime at = LocalDateTime.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        WebElement when = editor.waiting.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#draft-" + did + " input[name=at]")));
        ((org.openqa.selenium.JavascriptExecutor) editor.browser).executeScript("arguments[0].value = arguments[1]",
                when, at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
        editor.click("draft-" + did, ".schedule-form button[type=submit]");
        editor.awaitText("draft-" + did, "Scheduled for");
        assertThat(editor.browser.findElements(By.xpath("//ol[@id='updates']/li[.//h4[text()='Result expected at 3am']]")))
                .as("not before its time").isEmpty();

        Instant due = at.atZone(ZoneId.systemDefault()).toInstant();
        editor.waiting.withTimeout(Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='updates']/li[.//h4[text()='Result expected at 3am']]")));
        assertThat(Instant.now()).as("out at its time, not before").isAfterOrEqualTo(due);
    }

    /** An editor moves the story to another time zone from the desk; a zone that is not one is refused there. */
    @Test
    void anEditorSetsTheTimelinesTimeZone() {
        Desk editor = signIn("editor");
        editor.browser.findElement(By.cssSelector("#retitle summary")).click();
        WebElement zone = editor.waiting.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#retitle-form input[name=timeZone]")));
        zone.sendKeys("Eastern");
        editor.browser.findElement(By.cssSelector("#retitle-form button[type=submit]")).click();
        editor.waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#retitle-form .error"),
                "timeZone: not a time zone"));

        zone.clear();
        zone.sendKeys("Asia/Tokyo");
        editor.browser.findElement(By.cssSelector("#retitle-form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get(stack.queryUrl()
                + "/api/timelines/" + tid).json().path("timeZone").asText()).isEqualTo("Asia/Tokyo"));
    }

    /** A newsroom has thousands of timelines: the desk finds them by a word and pages through them. */
    @Test
    void theDeskFindsTimelinesAndPagesThroughThem() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 51; i++) {
            assertThat(http.send("editor", "POST", stack.commandUrl() + "/api/timelines",
                    "{\"title\":\"Council count " + word + " " + i + "\"}", null).status()).isEqualTo(201);
        }
        Desk editor = open("");
        editor.signIn("editor");
        WebElement search = editor.waiting.until(ExpectedConditions.visibilityOfElementLocated(By.name("q")));
        search.sendKeys(word.toUpperCase());
        // the list is drawn again as the search goes on: an element found a moment before may be gone
        await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(editor.browser.findElements(By.cssSelector("#timeline-list li a")))
                .hasSize(50)
                .allSatisfy(link -> assertThat(link.getText()).contains(word)));
        editor.browser.findElement(By.id("more-timelines")).click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(editor.browser.findElements(
                By.cssSelector("#timeline-list li a"))).hasSize(51));
        assertThat(editor.browser.findElement(By.id("more-timelines")).isDisplayed()).isFalse();
        assertThat(Browser.accessibilityViolations(editor.browser)).as("the list of timelines").isEmpty();
    }

    @Test
    void aReaderOrAuditorAccountCannotUseTheDesk() {
        Desk auditor = open();
        auditor.waiting.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertThat(Browser.accessibilityViolations(auditor.browser)).as("the desk's sign-in form").isEmpty();
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
        return open("#timeline=" + tid);
    }

    private Desk open(String hash) {
        ChromeDriver browser = Browser.start();
        browsers.add(browser);
        browser.get(stack.commandUrl() + "/desk" + hash);
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

        /** Files a draft from the form (the timeline has no other) and answers its id. */
        String fileDraft(String headline, String text) {
            WebElement form = browser.findElement(By.id("post-form"));
            form.findElement(By.name("headline")).sendKeys(headline);
            form.findElement(By.name("text")).sendKeys(text);
            form.findElement(By.cssSelector("button.file-draft")).click();
            return waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#drafts li.draft")))
                    .getAttribute("id").substring("draft-".length());
        }

        WebElement awaitUpdate(String headline) {
            return waiting.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//ol[@id='updates']/li[.//h4[text()='" + headline + "']]")));
        }

        /** Clicks in an update (or a draft: its element id), found afresh until the click lands (see {@link #open}). */
        void click(String uid, String selector) {
            waiting.until(driver -> {
                driver.findElement(By.cssSelector("#" + elementId(uid) + " " + selector)).click();
                return true;
            });
        }

        private static String elementId(String uid) {
            return uid.startsWith("draft-") ? uid : "update-" + uid;
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
                    By.cssSelector("#" + elementId(uid) + " .panel " + selector)));
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
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id(elementId(uid)), text));
        }
    }
}
