package news.timeline.command.timeline;

import news.timeline.command.EventMetadata;
import news.timeline.events.DraftEdited;
import news.timeline.events.DraftFiled;
import news.timeline.events.DraftPublished;
import news.timeline.events.DraftRejected;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdateErased;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The events of a timeline that hold an update's words: its post, its edits, its retraction (whose reason may quote
 * them), and the filing, edits and sending back of the draft it was published from; each with the hash it was
 * recorded with, for the {@link UpdateErased} event that vouches for them once erased.
 */
final class ErasedEvents {

    private ErasedEvents() {
    }

    static List<UpdateErased.ErasedEvent> of(DomainEventStream timeline, String updateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        timeline.forEachRemaining(events::add);
        Set<String> drafts = events.stream().map(DomainEventMessage::getPayload)
                .filter(payload -> payload instanceof DraftPublished published && published.updateId().equals(updateId))
                .map(payload -> ((DraftPublished) payload).draftId())
                .collect(Collectors.toSet());
        return events.stream()
                .filter(event -> holdsWords(event.getPayload(), updateId, drafts))
                .map(event -> new UpdateErased.ErasedEvent(event.getSequenceNumber(), recordedHash(event)))
                .toList();
    }

    private static boolean holdsWords(Object payload, String updateId, Set<String> drafts) {
        if (payload instanceof UpdatePosted posted) {
            return posted.updateId().equals(updateId);
        } else if (payload instanceof UpdateEdited edited) {
            return edited.updateId().equals(updateId);
        } else if (payload instanceof UpdateRetracted retracted) {
            return retracted.updateId().equals(updateId);
        } else if (payload instanceof DraftFiled filed) {
            return drafts.contains(filed.draftId());
        } else if (payload instanceof DraftEdited edited) {
            return drafts.contains(edited.draftId());
        }
        return payload instanceof DraftRejected rejected && drafts.contains(rejected.draftId());
    }

    private static String recordedHash(DomainEventMessage<?> event) {
        Object recorded = event.getMetaData().get(EventMetadata.HASH);
        return recorded != null ? recorded.toString() : HashChain.hashOf(event);
    }
}
