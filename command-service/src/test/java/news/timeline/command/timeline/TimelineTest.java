package news.timeline.command.timeline;

import news.timeline.command.CommandStoreDatabase;
import news.timeline.command.EventMetadata;
import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineOpened;
import news.timeline.events.TimelineReopened;
import news.timeline.events.TimelineRetitled;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.events.UpdateUnpinned;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.FeatureMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

class TimelineTest {

    private static final String TID = "ukip-campaign";
    private static final TimelineOpened OPENED = new TimelineOpened(TID, "Ukip by-elections", "Live");
    private static final Content SCRUM = content("Farage and Carswell face media scrum",
            new Block.Image("https://img.example/scrum.jpg", "Douglas Carwswell in the scrum", "ITV News", "Crowd"));
    private static final Content SCRUM_FIXED = content("Farage and Carswell face media scrum",
            new Block.Image("https://img.example/scrum.jpg", "Douglas Carswell in the scrum", "ITV News", "Crowd"));
    private static final Change CORRECTION = new Change(ChangeKind.CORRECTION, "Spelling of Carswell");

    private AggregateTestFixture<Timeline> fixture;
    /** The register on a database of its own, fed the given events as the event store feeds it in the service. */
    private UpdateRegister register;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Timeline.class);
        JdbcTemplate jdbc = new JdbcTemplate(CommandStoreDatabase.migrated());
        register = new UpdateRegister(jdbc);
        fixture.registerInjectableResource(register);
        fixture.registerInjectableResource(new DraftRegister(jdbc));
        fixture.registerInjectableResource(new ErasureRegister(jdbc));
    }

    private TestExecutor<Timeline> given(Object... events) {
        for (Object event : events) {
            register.record(event);
        }
        return fixture.given(events);
    }

    @Nested
    class Opening {

        @Test
        void opensATimelineWithTrimmedTitle() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTimeline(TID, "  Ukip by-elections ", null))
                    .expectEvents(new TimelineOpened(TID, "Ukip by-elections", ""));
        }

        @Test
        void opensATimelineInItsOwnTimeZone() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTimeline(TID, "Election night", "Live", "America/New_York"))
                    .expectEvents(new TimelineOpened(TID, "Election night", "Live", "America/New_York"));
        }

        @Test
        void cannotOpenATimelineInAZoneThatIsNotOne() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTimeline(TID, "Election night", "Live", "Eastern"))
                    .expectException(InvalidContentException.class)
                    .expectExceptionMessage("timeZone: not a time zone of the IANA database, such as Europe/London "
                            + "or America/New_York: Eastern")
                    .expectNoEvents();
        }

        @Test
        void cannotOpenATimelineWithoutTitle() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTimeline(TID, " ", "summary"))
                    .expectException(InvalidContentException.class)
                    .expectExceptionMessage("title: is required")
                    .expectNoEvents();
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void retitlesATimeline() {
            given(OPENED)
                    .when(new RetitleTimeline(TID, " Rochester by-election ", "Kent"))
                    .expectEvents(new TimelineRetitled(TID, "Rochester by-election", "Kent"));
        }

        @Test
        void movesATimelineToAnotherTimeZoneWhenRetitled() {
            given(OPENED)
                    .when(new RetitleTimeline(TID, "Rochester by-election", "Kent", "Europe/London"))
                    .expectEvents(new TimelineRetitled(TID, "Rochester by-election", "Kent", "Europe/London"));
            given(OPENED)
                    .when(new RetitleTimeline(TID, "Rochester by-election", "Kent", "GMT+25"))
                    .expectException(InvalidContentException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotRetitleWithoutTitle() {
            given(OPENED)
                    .when(new RetitleTimeline(TID, "", "Kent"))
                    .expectException(InvalidContentException.class)
                    .expectNoEvents();
        }

        @Test
        void closesAndReopensATimeline() {
            given(OPENED)
                    .when(new CloseTimeline(TID))
                    .expectEvents(new TimelineClosed(TID));
            given(OPENED, new TimelineClosed(TID))
                    .when(new ReopenTimeline(TID))
                    .expectEvents(new TimelineReopened(TID));
        }

        @Test
        void closingAClosedTimelineStoresNothing() {
            given(OPENED, new TimelineClosed(TID))
                    .when(new CloseTimeline(TID))
                    .expectNoEvents();
        }

        @Test
        void cannotPostToAClosedTimeline() {
            given(OPENED, new TimelineClosed(TID))
                    .when(new PostUpdate(TID, "u1", SCRUM))
                    .expectException(TimelineClosedException.class)
                    .expectNoEvents();
        }

        @Test
        void correctionsGoOnAfterClosing() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new TimelineClosed(TID))
                    .when(new EditUpdate(TID, "u1", 1, SCRUM_FIXED, CORRECTION))
                    .expectEvents(new UpdateEdited(TID, "u1", 2, SCRUM_FIXED, CORRECTION));
        }

        @Test
        void postsGoOnAfterReopening() {
            given(OPENED, new TimelineClosed(TID), new TimelineReopened(TID))
                    .when(new PostUpdate(TID, "u1", SCRUM))
                    .expectEvents(new UpdatePosted(TID, "u1", SCRUM));
        }
    }

    @Nested
    class Posting {

        @Test
        void postsAnUpdateAsRevisionOneAndReturnsItsSequence() {
            given(OPENED)
                    .when(new PostUpdate(TID, "u1", SCRUM))
                    .expectEvents(new UpdatePosted(TID, "u1", SCRUM))
                    .expectResultMessagePayload(new CommandResult(TID, "u1", 1, 1L));
        }

        @Test
        void creditsTheEditorWhoPostedWhenNoBylineIsGiven() {
            given(OPENED)
                    .when(new PostUpdate(TID, "u1", SCRUM), Map.of(EventMetadata.ACTOR, "jane.doe"))
                    .expectEvents(new UpdatePosted(TID, "u1", SCRUM, "jane.doe"));
        }

        @Test
        void creditsTheBylineGiven() {
            given(OPENED)
                    .when(new PostUpdate(TID, "u2", SCRUM, "  Reporting by Emily Morgan in Clacton "),
                            Map.of(EventMetadata.ACTOR, "jane.doe"))
                    .expectEvents(new UpdatePosted(TID, "u2", SCRUM, "Reporting by Emily Morgan in Clacton"));
        }

        @Test
        void cannotPostWithABylineOfMoreThan200Characters() {
            given(OPENED)
                    .when(new PostUpdate(TID, "u1", SCRUM, "b".repeat(201)))
                    .expectException(InvalidContentException.class)
                    .expectExceptionMessage("byline: at most 200 characters")
                    .expectNoEvents();
        }

        @Test
        void cannotPostToAnUnknownTimeline() {
            fixture.givenNoPriorActivity()
                    .when(new PostUpdate(TID, "u1", SCRUM))
                    .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotPostTheSameUpdateIdTwice() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new PostUpdate(TID, "u1", SCRUM))
                    .expectException(DuplicateUpdateException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotPostWithoutHeadline() {
            rejects(new Content(" ", List.of(), false), "headline: is required");
        }

        @Test
        void cannotPostAHeadlineOverTwoHundredCharacters() {
            rejects(new Content("x".repeat(201), List.of(), false), "headline: at most 200 characters");
        }

        @Test
        void cannotPostMoreThanFiftyBlocks() {
            rejects(new Content("h", Collections.nCopies(51, new Block.Paragraph("p")), false),
                    "blocks: at most 50 blocks, not 51");
        }

        @Test
        void cannotPostABlockOverTenThousandCharacters() {
            rejects(content("h", new Block.Paragraph("p"), new Block.Paragraph("x".repeat(10_001))),
                    "blocks[1].text: at most 10000 characters");
        }

        @Test
        void cannotPostAnImageThatIsNotAnHttpUrl() {
            rejects(content("h", new Block.Image("javascript:alert(1)", "c", "cr", "a")),
                    "blocks[0].url: must be an absolute http(s) URL");
        }

        @Test
        void cannotPostAnEmbedWithoutHost() {
            rejects(content("h", new Block.Embed("https:///nohost")), "blocks[0].url: must be an absolute http(s) URL");
        }

        @Test
        void cannotPostControlCharacters() {
            rejects(content("h", new Block.Quote("hidden\u0007bell", "someone")),
                    "blocks[0].text: contains characters that are not text");
        }

        @Test
        void cannotPostTextThatDisplaysInAnotherOrderThanItIsStored() {
            rejects(content("Resigns \u202Eetov ot\u202C today", new Block.Paragraph("p")),
                    "headline: contains characters that are not text");
        }

        @Test
        void cannotPostHalfACharacter() {
            rejects(content("h", new Block.Paragraph("broken \uD83D pair")),
                    "blocks[0].text: contains characters that are not text");
        }

        @Test
        void cannotPostANoncharacter() {
            rejects(content("h", new Block.Paragraph("not \uFFFF text")),
                    "blocks[0].text: contains characters that are not text");
        }

        @Test
        void acceptsLineBreaksAndNonLatinText() {
            Content content = content("Ünïcödé 日本語 ✓", new Block.Paragraph("line one\nline two\ttabbed"));
            given(OPENED)
                    .when(new PostUpdate(TID, "u1", content))
                    .expectEvents(new UpdatePosted(TID, "u1", content));
        }

        private void rejects(Content content, String message) {
            given(OPENED)
                    .when(new PostUpdate(TID, "u1", content))
                    .expectException(InvalidContentException.class)
                    .expectExceptionMessage(message)
                    .expectNoEvents();
        }
    }

    @Nested
    class Editing {

        @Test
        void editsTheCurrentRevisionIntoTheNextOne() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new EditUpdate(TID, "u1", 1, SCRUM_FIXED, CORRECTION))
                    .expectEvents(new UpdateEdited(TID, "u1", 2, SCRUM_FIXED, CORRECTION))
                    .expectResultMessagePayload(new CommandResult(TID, "u1", 2, 2L));
        }

        @Test
        void cannotEditAStaleRevision() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdateEdited(TID, "u1", 2, SCRUM_FIXED, CORRECTION))
                    .when(new EditUpdate(TID, "u1", 1, SCRUM, new Change(ChangeKind.UPDATE, null)))
                    .expectException(StaleRevisionException.class)
                    .expectExceptionMessage("update u1 is at revision 2, not 1")
                    .expectNoEvents();
        }

        @Test
        void staleRevisionTellsTheCurrentOne() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdateEdited(TID, "u1", 2, SCRUM_FIXED, CORRECTION))
                    .when(new EditUpdate(TID, "u1", 1, SCRUM, new Change(ChangeKind.UPDATE, null)))
                    .expectException(new FeatureMatcher<StaleRevisionException, Integer>(
                            equalTo(2), "current revision", "current revision") {
                        @Override
                        protected Integer featureValueOf(StaleRevisionException actual) {
                            return actual.currentRevision();
                        }
                    });
        }

        @Test
        void cannotEditAnUnknownUpdate() {
            given(OPENED)
                    .when(new EditUpdate(TID, "nope", 1, SCRUM_FIXED, CORRECTION))
                    .expectException(UnknownUpdateException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotEditARetractedUpdate() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdateRetracted(TID, "u1", 2, "r", "n"))
                    .when(new EditUpdate(TID, "u1", 2, SCRUM_FIXED, CORRECTION))
                    .expectException(UpdateRetractedException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotCorrectWithoutANote() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new EditUpdate(TID, "u1", 1, SCRUM_FIXED, new Change(ChangeKind.CORRECTION, " ")))
                    .expectException(InvalidContentException.class)
                    .expectExceptionMessage("change.note: is required")
                    .expectNoEvents();
        }

        @Test
        void cannotEditWithoutAChangeKind() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new EditUpdate(TID, "u1", 1, SCRUM_FIXED, null))
                    .expectException(InvalidContentException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotEditIntoInvalidContent() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new EditUpdate(TID, "u1", 1, content(""), new Change(ChangeKind.TYPO, null)))
                    .expectException(InvalidContentException.class)
                    .expectNoEvents();
        }

        @Test
        void editsAnotherUpdateWithoutTouchingTheFirst() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdatePosted(TID, "u2", SCRUM),
                            new UpdateEdited(TID, "u1", 2, SCRUM_FIXED, CORRECTION))
                    .when(new EditUpdate(TID, "u2", 1, SCRUM_FIXED, CORRECTION))
                    .expectEvents(new UpdateEdited(TID, "u2", 2, SCRUM_FIXED, CORRECTION));
        }
    }

    @Nested
    class Retracting {

        @Test
        void retractsTheCurrentRevision() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new RetractUpdate(TID, "u1", 1, " Legal advice ", "This update was withdrawn."))
                    .expectEvents(new UpdateRetracted(TID, "u1", 2, "Legal advice", "This update was withdrawn."))
                    .expectResultMessagePayload(new CommandResult(TID, "u1", 2, 2L));
        }

        @Test
        void retractingThePinnedUpdateUnpinsItFirst() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdatePinned(TID, "u1"))
                    .when(new RetractUpdate(TID, "u1", 1, "Legal", "Withdrawn"))
                    .expectEvents(new UpdateUnpinned(TID, "u1"), new UpdateRetracted(TID, "u1", 2, "Legal", "Withdrawn"))
                    .expectResultMessagePayload(new CommandResult(TID, "u1", 2, 4L));
        }

        @Test
        void cannotRetractTwice() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdateRetracted(TID, "u1", 2, "r", "n"))
                    .when(new RetractUpdate(TID, "u1", 2, "again", "again"))
                    .expectException(UpdateRetractedException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotRetractAStaleRevision() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdateEdited(TID, "u1", 2, SCRUM_FIXED, CORRECTION))
                    .when(new RetractUpdate(TID, "u1", 1, "r", "n"))
                    .expectException(StaleRevisionException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotRetractAnUnknownUpdate() {
            given(OPENED)
                    .when(new RetractUpdate(TID, "nope", 1, "r", "n"))
                    .expectException(UnknownUpdateException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotRetractWithoutAPublicNote() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new RetractUpdate(TID, "u1", 1, "reason", null))
                    .expectException(InvalidContentException.class)
                    .expectExceptionMessage("publicNote: is required")
                    .expectNoEvents();
        }
    }

    @Nested
    class Pinning {

        @Test
        void pinsAnUpdate() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new PinUpdate(TID, "u1"))
                    .expectEvents(new UpdatePinned(TID, "u1"))
                    .expectResultMessagePayload(new CommandResult(TID, "u1", null, 2L));
        }

        @Test
        void pinningAnotherUpdateUnpinsTheFirst() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdatePosted(TID, "u2", SCRUM),
                            new UpdatePinned(TID, "u1"))
                    .when(new PinUpdate(TID, "u2"))
                    .expectEvents(new UpdateUnpinned(TID, "u1"), new UpdatePinned(TID, "u2"));
        }

        @Test
        void pinningThePinnedUpdateAgainStoresNothing() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdatePinned(TID, "u1"))
                    .when(new PinUpdate(TID, "u1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new CommandResult(TID, "u1", null, 2L));
        }

        @Test
        void cannotPinAnUnknownUpdate() {
            given(OPENED)
                    .when(new PinUpdate(TID, "nope"))
                    .expectException(UnknownUpdateException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotPinARetractedUpdate() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdateRetracted(TID, "u1", 2, "r", "n"))
                    .when(new PinUpdate(TID, "u1"))
                    .expectException(UpdateRetractedException.class)
                    .expectNoEvents();
        }

        @Test
        void unpinsThePinnedUpdate() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdatePinned(TID, "u1"))
                    .when(new UnpinUpdate(TID))
                    .expectEvents(new UpdateUnpinned(TID, "u1"))
                    .expectResultMessagePayload(new CommandResult(TID, "u1", null, 3L));
        }

        @Test
        void unpinningWhenNothingIsPinnedStoresNothing() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new UnpinUpdate(TID))
                    .expectNoEvents();
        }
    }

    @Nested
    class Register {

        @Test
        void aPostedUpdateIsRegisteredAtItsFirstRevision() {
            given(OPENED)
                    .when(new PostUpdate(TID, "u1", SCRUM))
                    .expectSuccessfulHandlerExecution();
            assertThat(register.find(TID, "u1")).contains(new UpdateState("u1", 1, false, false));
        }

        @Test
        void editsAndARetractionMoveItsRevision() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM), new UpdateEdited(TID, "u1", 2, SCRUM_FIXED, CORRECTION))
                    .when(new RetractUpdate(TID, "u1", 2, "Wrong photo", "Removed"))
                    .expectSuccessfulHandlerExecution();
            assertThat(register.find(TID, "u1")).contains(new UpdateState("u1", 3, true, false));
        }

        @Test
        void aRefusedEditLeavesItAsItWas() {
            given(OPENED, new UpdatePosted(TID, "u1", SCRUM))
                    .when(new EditUpdate(TID, "u1", 2, SCRUM_FIXED, CORRECTION))
                    .expectException(StaleRevisionException.class);
            assertThat(register.find(TID, "u1")).contains(new UpdateState("u1", 1, false, false));
        }
    }

    private static Content content(String headline, Block... blocks) {
        return new Content(headline, List.of(blocks), false);
    }
}
