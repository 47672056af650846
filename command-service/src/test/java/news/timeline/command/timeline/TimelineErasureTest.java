package news.timeline.command.timeline;

import news.timeline.command.CommandStoreDatabase;
import news.timeline.command.EventMetadata;
import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;
import news.timeline.events.DraftFiled;
import news.timeline.events.DraftPublished;
import news.timeline.events.ErasureRequested;
import news.timeline.events.TimelineOpened;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdateErased;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.events.UpdateUnpinned;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.equalTo;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/** Legal erasure's rules: two different people, every event that held the words named, nothing more done to it. */
class TimelineErasureTest {

    private static final String TID = "ukip-campaign";
    private static final Content SCRUM = new Content("Media scrum",
            List.of(new Block.Paragraph("A protected witness, Jane Roe, was seen at the count.")), false);

    private AggregateTestFixture<Timeline> fixture;
    private UpdateRegister updates;
    private ErasureRegister erasures;
    private DraftRegister drafts;

    @BeforeEach
    void setUp() {
        JdbcTemplate jdbc = new JdbcTemplate(CommandStoreDatabase.migrated());
        updates = new UpdateRegister(jdbc);
        erasures = new ErasureRegister(jdbc);
        drafts = new DraftRegister(jdbc);
        fixture = new AggregateTestFixture<>(Timeline.class);
        // as in the service: the command's actor goes onto the events it causes
        fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(
                new SimpleCorrelationDataProvider(EventMetadata.ACTOR)));
        fixture.registerInjectableResource(updates);
        fixture.registerInjectableResource(erasures);
        fixture.registerInjectableResource(drafts);
        fixture.registerInjectableResource(fixture.getEventStore());
    }

    /** Given events, fed to the registers as the service feeds them; {@code requestedBy} asked for any erasure. */
    private TestExecutor<Timeline> given(String requestedBy, Object... events) {
        for (Object event : events) {
            updates.record(event);
            erasures.record(event, requestedBy, Instant.parse("2014-10-20T09:00:00Z"));
            drafts.record(event, "contributor", Instant.parse("2014-10-10T10:00:00Z"));
        }
        return fixture.given(events);
    }

    private static CommandMessage<?> as(String actor, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(EventMetadata.ACTOR, actor));
    }

    private static ErasureRequested requested(String updateId) {
        return new ErasureRequested(TID, updateId, "e-1", "Names a protected witness", "QB-2014-000123",
                "This update was removed for legal reasons.");
    }

    @Test
    void aLegalOfficerRequestsAnErasureAndNothingIsErasedYet() {
        given("legal", new TimelineOpened(TID, "Ukip", "Live"), new UpdatePosted(TID, "u1", SCRUM))
                .when(as("legal", new RequestErasure(TID, "u1", "e-1", " Names a protected witness ",
                        "QB-2014-000123", "This update was removed for legal reasons.")))
                .expectEvents(requested("u1"))
                .expectResultMessagePayload(new ErasureResult(TID, "e-1", "u1", "REQUESTED", 2));
    }

    @Test
    void anErasureNeedsAReasonALegalReferenceAndANoteForReaders() {
        given("legal", new TimelineOpened(TID, "Ukip", "Live"), new UpdatePosted(TID, "u1", SCRUM))
                .when(as("legal", new RequestErasure(TID, "u1", "e-1", "A witness", " ", "Removed.")))
                .expectException(InvalidContentException.class)
                .expectExceptionMessage("legalReference: is required")
                .expectNoEvents();
    }

    @Test
    void aSecondPersonApprovesAndEveryEventThatHeldTheWordsIsNamed() {
        given("legal", new TimelineOpened(TID, "Ukip", "Live"),
                new DraftFiled(TID, "d1", SCRUM, null),
                new DraftPublished(TID, "d1", 1, "u1"),
                new UpdatePosted(TID, "u1", SCRUM, "contributor"),
                new UpdatePosted(TID, "u2", SCRUM),
                new UpdateEdited(TID, "u1", 2, SCRUM, new Change(ChangeKind.TYPO, null)),
                new UpdatePinned(TID, "u1"),
                new UpdateRetracted(TID, "u1", 3, "Jane Roe asked", "Withdrawn."),
                requested("u1"))
                .when(as("legal2", new ApproveErasure(TID, "e-1")))
                .expectEventsMatching(payloadsMatching(
                        exactSequenceOf(
                                equalTo((Object) new UpdateUnpinned(TID, "u1")),
                                predicate((Object payload) ->
                                        payload instanceof UpdateErased erased && erased.updateId().equals("u1")
                                                && erased.requestedBy().equals("legal")
                                                && erased.erasedEvents().stream().map(UpdateErased.ErasedEvent::sequence)
                                                .toList().equals(List.of(1L, 3L, 5L, 7L))
                                                && erased.erasedEvents().stream().allMatch(e -> e.hash().length() == 64)),
                                andNoMore())));
        assertThat(updates.find(TID, "u1")).contains(new UpdateState("u1", 3, true, true));
    }

    @Test
    void whoeverAskedMayNotApprove() {
        given("legal", new TimelineOpened(TID, "Ukip", "Live"), new UpdatePosted(TID, "u1", SCRUM), requested("u1"))
                .when(as("legal", new ApproveErasure(TID, "e-1")))
                .expectException(OwnErasureException.class)
                .expectNoEvents();
    }

    @Test
    void anErasureIsApprovedOnceAndAnUnknownOneNotAtAll() {
        given("legal", new TimelineOpened(TID, "Ukip", "Live"), new UpdatePosted(TID, "u1", SCRUM), requested("u1"),
                new UpdateErased(TID, "u1", "e-1", "legal", "A witness", "QB-1", "Removed.", List.of()))
                .when(as("admin", new ApproveErasure(TID, "e-1")))
                .expectException(ErasureApprovedException.class)
                .expectNoEvents();
        given("legal", new TimelineOpened(TID, "Ukip", "Live"))
                .when(as("legal2", new ApproveErasure(TID, "e-9")))
                .expectException(UnknownErasureException.class);
    }

    @Test
    void oneErasureOfAnUpdateWaitsAtATime() {
        given("legal", new TimelineOpened(TID, "Ukip", "Live"), new UpdatePosted(TID, "u1", SCRUM), requested("u1"))
                .when(as("legal2", new RequestErasure(TID, "u1", "e-2", "Again", "QB-2", "Removed.")))
                .expectException(ErasurePendingException.class)
                .expectNoEvents();
    }

    @Test
    void anErasedUpdateTakesNoMoreChanges() {
        givenErased()
                .when(as("editor", new EditUpdate(TID, "u1", 1, SCRUM, new Change(ChangeKind.TYPO, null))))
                .expectException(UpdateErasedException.class);
    }

    @Test
    void anErasedUpdateIsNotErasedAgain() {
        givenErased()
                .when(as("legal", new RequestErasure(TID, "u1", "e-2", "Again", "QB-2", "Removed.")))
                .expectException(UpdateErasedException.class);
    }

    @Test
    void anEditorPostsARedactedReplacementBesideIt() {
        givenErased()
                .when(as("editor", new PostUpdate(TID, "u2", new Content("Media scrum",
                        List.of(new Block.Paragraph("A witness was seen at the count.")), false), null)))
                .expectEvents(new UpdatePosted(TID, "u2", new Content("Media scrum",
                        List.of(new Block.Paragraph("A witness was seen at the count.")), false), "editor"));
    }

    private TestExecutor<Timeline> givenErased() {
        return given("legal", new TimelineOpened(TID, "Ukip", "Live"), new UpdatePosted(TID, "u1", SCRUM),
                requested("u1"), new UpdateErased(TID, "u1", "e-1", "legal", "A witness", "QB-1", "Removed.",
                        List.of()));
    }
}
