package news.timeline.command.timeline;

import news.timeline.command.CommandStoreDatabase;
import news.timeline.command.EventMetadata;
import news.timeline.events.Block;
import news.timeline.events.Content;
import news.timeline.events.DraftEdited;
import news.timeline.events.DraftEvent;
import news.timeline.events.DraftFiled;
import news.timeline.events.DraftPublished;
import news.timeline.events.DraftRejected;
import news.timeline.events.DraftScheduleCancelled;
import news.timeline.events.DraftScheduled;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineOpened;
import news.timeline.events.UpdatePosted;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of drafts: who may file, change, publish and send back a draft, and what each leaves behind. */
class TimelineDraftsTest {

    private static final String TID = "ukip-campaign";
    private static final TimelineOpened OPENED = new TimelineOpened(TID, "Ukip by-elections", "Live");
    private static final Content COUNT = new Content("Counting begins in Clacton",
            List.of(new Block.Paragraph("Ballot boxes are arriving at the count.")), false);
    private static final Content COUNT_NAMED = new Content("Counting begins in Clacton",
            List.of(new Block.Paragraph("Ballot boxes are arriving at the count at the Leisure Centre.")), true);
    private static final DraftFiled FILED = new DraftFiled(TID, "d1", COUNT, null);
    private static final Map<String, Object> CONTRIBUTOR = Map.of(EventMetadata.ACTOR, "contributor");
    private static final Map<String, Object> EDITOR = Map.of(EventMetadata.ACTOR, "editor");

    private AggregateTestFixture<Timeline> fixture;
    private DraftRegister drafts;
    private UpdateRegister updates;

    @BeforeEach
    void setUp() {
        JdbcTemplate jdbc = new JdbcTemplate(CommandStoreDatabase.migrated());
        drafts = new DraftRegister(jdbc);
        updates = new UpdateRegister(jdbc);
        fixture = new AggregateTestFixture<>(Timeline.class);
        // as in the service: the command's actor goes onto the events it causes
        fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(
                new SimpleCorrelationDataProvider(EventMetadata.ACTOR)));
        fixture.registerDeadlineHandlerInterceptor(new CorrelationDataInterceptor<>(
                new SimpleCorrelationDataProvider(EventMetadata.ACTOR)));
        fixture.registerInjectableResource(drafts);
        fixture.registerInjectableResource(updates);
        fixture.registerInjectableResource(new ErasureRegister(jdbc));
    }

    /** The given events, the registers fed them as the event store feeds them: drafts filed by "contributor". */
    private TestExecutor<Timeline> given(Object... events) {
        for (Object event : events) {
            if (event instanceof DraftEvent draft) {
                drafts.record(draft, "contributor", Instant.parse("2014-10-10T10:00:00Z"));
            } else {
                updates.record(event);
            }
        }
        return fixture.given(events);
    }

    @Nested
    class Filing {

        @Test
        void aContributorFilesADraftThatWaitsForAnEditor() {
            given(OPENED)
                    .when(new FileDraft(TID, "d1", COUNT, null), CONTRIBUTOR)
                    .expectEvents(FILED)
                    .expectResultMessagePayload(new DraftResult(TID, "d1", 1, null, null, 1L));
            assertThat(drafts.waiting(TID, null)).singleElement().satisfies(draft -> {
                assertThat(draft.author()).isEqualTo("contributor");
                assertThat(draft.status()).isEqualTo(DraftState.Status.PENDING);
                assertThat(draft.content()).isEqualTo(COUNT);
            });
        }

        @Test
        void itKeepsItsBylineTrimmed() {
            given(OPENED)
                    .when(new FileDraft(TID, "d1", COUNT, "  Emily Morgan in Clacton "), CONTRIBUTOR)
                    .expectEvents(new DraftFiled(TID, "d1", COUNT, "Emily Morgan in Clacton"));
        }

        @Test
        void contentBreakingTheRulesIsRefused() {
            given(OPENED)
                    .when(new FileDraft(TID, "d1", new Content(" ", List.of(), false), null), CONTRIBUTOR)
                    .expectException(InvalidContentException.class)
                    .expectNoEvents();
            assertThat(drafts.waiting(TID, null)).isEmpty();
        }

        @Test
        void nothingIsFiledOnAClosedTimeline() {
            given(OPENED, new TimelineClosed(TID))
                    .when(new FileDraft(TID, "d1", COUNT, null), CONTRIBUTOR)
                    .expectException(TimelineClosedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Editing {

        @Test
        void itsAuthorEditsIt() {
            given(OPENED, FILED)
                    .when(new EditDraft(TID, "d1", 1, COUNT_NAMED, null, false), CONTRIBUTOR)
                    .expectEvents(new DraftEdited(TID, "d1", 2, COUNT_NAMED, null))
                    .expectResultMessagePayload(new DraftResult(TID, "d1", 2, null, null, 2L));
        }

        @Test
        void anotherContributorCannot() {
            given(OPENED, FILED)
                    .when(new EditDraft(TID, "d1", 1, COUNT_NAMED, null, false), Map.of(EventMetadata.ACTOR, "stringer"))
                    .expectException(DraftNotYoursException.class)
                    .expectNoEvents();
        }

        @Test
        void anEditorEditsAnyone() {
            given(OPENED, FILED)
                    .when(new EditDraft(TID, "d1", 1, COUNT_NAMED, null, true), EDITOR)
                    .expectEvents(new DraftEdited(TID, "d1", 2, COUNT_NAMED, null));
        }

        @Test
        void anEditOfAnOlderRevisionIsRefused() {
            given(OPENED, FILED, new DraftEdited(TID, "d1", 2, COUNT_NAMED, null))
                    .when(new EditDraft(TID, "d1", 1, COUNT, null, false), CONTRIBUTOR)
                    .expectException(StaleRevisionException.class)
                    .expectExceptionMessage("draft d1 is at revision 2, not 1")
                    .expectNoEvents();
        }

        @Test
        void anEditOfADraftSentBackFilesItAgain() {
            given(OPENED, FILED, new DraftRejected(TID, "d1", "Name the count centre"))
                    .when(new EditDraft(TID, "d1", 1, COUNT_NAMED, null, false), CONTRIBUTOR)
                    .expectEvents(new DraftEdited(TID, "d1", 2, COUNT_NAMED, null));
            assertThat(drafts.find(TID, "d1")).map(DraftState::status).contains(DraftState.Status.PENDING);
        }

        @Test
        void anUnknownDraftIsRefused() {
            given(OPENED)
                    .when(new EditDraft(TID, "d9", 1, COUNT, null, true), EDITOR)
                    .expectException(UnknownDraftException.class);
        }
    }

    @Nested
    class Publishing {

        @Test
        void itGoesOutAsAnUpdateCreditedToItsAuthor() {
            given(OPENED, FILED)
                    .when(new PublishDraft(TID, "d1", "u1", null, null), EDITOR)
                    .expectEvents(new DraftPublished(TID, "d1", 1, "u1"), new UpdatePosted(TID, "u1", COUNT,
                            "contributor"))
                    .expectResultMessagePayload(new DraftResult(TID, "d1", 1, "u1", null, 3L));
            assertThat(drafts.find(TID, "d1")).map(DraftState::status).contains(DraftState.Status.PUBLISHED);
            assertThat(drafts.waiting(TID, null)).isEmpty();
            assertThat(updates.find(TID, "u1")).contains(new UpdateState("u1", 1, false, false));
        }

        @Test
        void orToItsByline() {
            given(OPENED, new DraftFiled(TID, "d1", COUNT, "Emily Morgan in Clacton"))
                    .when(new PublishDraft(TID, "d1", "u1", 1, null), EDITOR)
                    .expectEvents(new DraftPublished(TID, "d1", 1, "u1"), new UpdatePosted(TID, "u1", COUNT,
                            "Emily Morgan in Clacton"));
        }

        @Test
        void aRevisionTheEditorDidNotCheckIsNotPublished() {
            given(OPENED, FILED, new DraftEdited(TID, "d1", 2, COUNT_NAMED, null))
                    .when(new PublishDraft(TID, "d1", "u1", 1, null), EDITOR)
                    .expectException(StaleRevisionException.class)
                    .expectNoEvents();
        }

        @Test
        void aPublishedDraftChangesNoMore() {
            Object[] published = {OPENED, FILED, new DraftPublished(TID, "d1", 1, "u1"),
                    new UpdatePosted(TID, "u1", COUNT, "contributor")};
            given(published)
                    .when(new PublishDraft(TID, "d1", "u2", null, null), EDITOR)
                    .expectException(DraftPublishedException.class)
                    .expectNoEvents();
            setUp();
            given(published)
                    .when(new EditDraft(TID, "d1", 1, COUNT_NAMED, null, true), EDITOR)
                    .expectException(DraftPublishedException.class);
            setUp();
            given(published)
                    .when(new RejectDraft(TID, "d1", "Too late"), EDITOR)
                    .expectException(DraftPublishedException.class);
        }

        @Test
        void nothingGoesOutOnAClosedTimeline() {
            given(OPENED, FILED, new TimelineClosed(TID))
                    .when(new PublishDraft(TID, "d1", "u1", null, null), EDITOR)
                    .expectException(TimelineClosedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Scheduling {

        private final Instant at = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        private CommandMessage<?> schedule() {
            return GenericCommandMessage.asCommandMessage(new PublishDraft(TID, "d1", "u1", null, at))
                    .andMetaData(EDITOR);
        }

        @Test
        void aDraftIsSetToGoOutAtItsTime() {
            given(OPENED, FILED)
                    .when(new PublishDraft(TID, "d1", "u1", 1, at), EDITOR)
                    .expectEvents(new DraftScheduled(TID, "d1", 1, at, "u1"))
                    .expectResultMessagePayload(new DraftResult(TID, "d1", 1, "u1", at, 2L))
                    .expectScheduledDeadline(at, new PublicationDue("d1", 1, "u1"));
            assertThat(drafts.find(TID, "d1")).map(DraftState::status).contains(DraftState.Status.SCHEDULED);
        }

        @Test
        void itGoesOutWhenDueAsTheEditorWhoScheduledIt() {
            given(OPENED, FILED).andGivenCommands(List.of(schedule()))
                    .whenTimeAdvancesTo(at)
                    .expectTriggeredDeadlines(new PublicationDue("d1", 1, "u1"))
                    .expectEvents(new DraftPublished(TID, "d1", 1, "u1"), new UpdatePosted(TID, "u1", COUNT,
                            "contributor"));
            assertThat(drafts.find(TID, "d1")).map(DraftState::status).contains(DraftState.Status.PUBLISHED);
            assertThat(drafts.waiting(TID, null)).isEmpty();
        }

        @Test
        void aCancelledScheduleSendsNothing() {
            given(OPENED, FILED).andGivenCommands(List.of(schedule(), GenericCommandMessage.asCommandMessage(
                            new CancelDraftSchedule(TID, "d1")).andMetaData(EDITOR)))
                    .whenTimeAdvancesTo(at)
                    .expectNoEvents();
            assertThat(drafts.find(TID, "d1")).map(DraftState::status).contains(DraftState.Status.PENDING);
        }

        @Test
        void onATimelineClosedMeanwhileTheScheduleLapses() {
            given(OPENED, FILED).andGivenCommands(List.of(schedule(), GenericCommandMessage.asCommandMessage(
                            new CloseTimeline(TID)).andMetaData(EDITOR)))
                    .whenTimeAdvancesTo(at)
                    .expectEvents(new DraftScheduleCancelled(TID, "d1", "the timeline was closed"));
        }

        @Test
        void aScheduledDraftIsNeitherEditedNorSentBackNorScheduledAgain() {
            Object[] scheduled = {OPENED, FILED, new DraftScheduled(TID, "d1", 1, at, "u1")};
            given(scheduled)
                    .when(new EditDraft(TID, "d1", 1, COUNT_NAMED, null, true), EDITOR)
                    .expectException(DraftScheduledException.class);
            setUp();
            given(scheduled)
                    .when(new RejectDraft(TID, "d1", "Hold it"), EDITOR)
                    .expectException(DraftScheduledException.class);
            setUp();
            given(scheduled)
                    .when(new PublishDraft(TID, "d1", "u2", null, at.plusSeconds(60)), EDITOR)
                    .expectException(DraftScheduledException.class)
                    .expectNoEvents();
        }

        @Test
        void publishingItNowInsteadSendsItOnce() {
            given(OPENED, FILED).andGivenCommands(List.of(schedule()))
                    .when(new PublishDraft(TID, "d1", "u2", null, null), EDITOR)
                    .expectEvents(new DraftPublished(TID, "d1", 1, "u2"), new UpdatePosted(TID, "u2", COUNT,
                            "contributor"))
                    .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class SendingBack {

        @Test
        void anEditorSendsItBackWithANote() {
            given(OPENED, FILED)
                    .when(new RejectDraft(TID, "d1", " Which count centre? "), EDITOR)
                    .expectEvents(new DraftRejected(TID, "d1", "Which count centre?"));
            assertThat(drafts.waiting(TID, "contributor")).singleElement().satisfies(draft -> {
                assertThat(draft.status()).isEqualTo(DraftState.Status.REJECTED);
                assertThat(draft.note()).isEqualTo("Which count centre?");
                assertThat(draft.changedBy()).isEqualTo("editor");
            });
        }

        @Test
        void aNoteIsRequired() {
            given(OPENED, FILED)
                    .when(new RejectDraft(TID, "d1", " "), EDITOR)
                    .expectException(InvalidContentException.class)
                    .expectNoEvents();
        }

        @Test
        void sendingBackWhatWasSentBackStoresNothing() {
            given(OPENED, FILED, new DraftRejected(TID, "d1", "Which count centre?"))
                    .when(new RejectDraft(TID, "d1", "Which count centre?"), EDITOR)
                    .expectNoEvents();
        }
    }
}
