package news.timeline.command.timeline;

import news.timeline.command.CommandServiceTest;
import news.timeline.command.EventMetadata;
import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineEvent;
import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A timeline reloaded from its snapshot (Jackson, as stored) keeps every rule's state and its hash chain. */
@CommandServiceTest
@TestPropertySource(properties = "timeline.snapshot-every=3")
class TimelineSnapshotTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    Cache timelineCache;

    @Test
    void aTimelineRestoredFromItsSnapshotStillKnowsRevisionsRetractionsAndPins() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "editor", null, AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
        String tid = "snap-" + UUID.randomUUID();
        Content content = new Content("Headline", List.of(new Block.Paragraph("text")), false);
        commands.sendAndWait(new OpenTimeline(tid, "Snapshots", ""));
        for (String uid : List.of("u1", "u2", "u3")) {
            commands.sendAndWait(new PostUpdate(tid, uid, content));
        }
        commands.sendAndWait(new EditUpdate(tid, "u1", 1, content, new Change(ChangeKind.TYPO, null)));
        commands.sendAndWait(new RetractUpdate(tid, "u2", 1, "reason", "note"));
        commands.sendAndWait(new PinUpdate(tid, "u3"));

        // taken on the snapshotter's own thread, after the commit
        DomainEventMessage<?> snapshot = await().atMost(Duration.ofSeconds(10))
                .until(() -> storage.readSnapshot(tid), Optional::isPresent).orElseThrow();
        assertThat(snapshot.getPayload()).isInstanceOf(Timeline.class);
        timelineCache.removeAll();

        assertThatThrownBy(() -> commands.sendAndWait(new EditUpdate(tid, "u1", 1, content,
                new Change(ChangeKind.TYPO, null)))).isInstanceOf(StaleRevisionException.class);
        assertThatThrownBy(() -> commands.sendAndWait(new PinUpdate(tid, "u2")))
                .isInstanceOf(UpdateRetractedException.class);
        CommandResult repin = commands.sendAndWait(new PinUpdate(tid, "u3"));
        assertThat(repin.sequence()).as("pinning the pinned update again stores nothing").isEqualTo(6);
        CommandResult edit = commands.sendAndWait(new EditUpdate(tid, "u1", 2, content, new Change(ChangeKind.TYPO, null)));
        assertThat(edit.revision()).isEqualTo(3);

        List<? extends DomainEventMessage<?>> stored = storage.readEvents(tid).asStream().toList();
        assertThat(stored.get(7).getMetaData().get(EventMetadata.PREVIOUS_HASH))
                .as("the event after the snapshot links to the last one before it")
                .isEqualTo(envelope(stored.get(6)).chainedTo((String) stored.get(6).getMetaData()
                        .get(EventMetadata.PREVIOUS_HASH)).hash());
    }

    private static EventEnvelope envelope(DomainEventMessage<?> event) {
        return EventEnvelope.of(event.getIdentifier(), event.getSequenceNumber(), event.getTimestamp(),
                (String) event.getMetaData().get(EventMetadata.ACTOR), (TimelineEvent) event.getPayload());
    }
}
