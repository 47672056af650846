package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * A fact about one timeline. The type names below are the wire names of {@link EventEnvelope#type()}:
 * renaming one breaks every consumer, so a change of shape gets a new schema version instead.
 */
@JsonSubTypes({
        @JsonSubTypes.Type(value = TimelineOpened.class, name = "TimelineOpened"),
        @JsonSubTypes.Type(value = TimelineRetitled.class, name = "TimelineRetitled"),
        @JsonSubTypes.Type(value = TimelineClosed.class, name = "TimelineClosed"),
        @JsonSubTypes.Type(value = TimelineReopened.class, name = "TimelineReopened"),
        @JsonSubTypes.Type(value = UpdatePosted.class, name = "UpdatePosted"),
        @JsonSubTypes.Type(value = UpdateEdited.class, name = "UpdateEdited"),
        @JsonSubTypes.Type(value = UpdateRetracted.class, name = "UpdateRetracted"),
        @JsonSubTypes.Type(value = UpdatePinned.class, name = "UpdatePinned"),
        @JsonSubTypes.Type(value = UpdateUnpinned.class, name = "UpdateUnpinned"),
        @JsonSubTypes.Type(value = ErasureRequested.class, name = "ErasureRequested"),
        @JsonSubTypes.Type(value = UpdateErased.class, name = "UpdateErased"),
        @JsonSubTypes.Type(value = DraftFiled.class, name = "DraftFiled"),
        @JsonSubTypes.Type(value = DraftEdited.class, name = "DraftEdited"),
        @JsonSubTypes.Type(value = DraftRejected.class, name = "DraftRejected"),
        @JsonSubTypes.Type(value = DraftScheduled.class, name = "DraftScheduled"),
        @JsonSubTypes.Type(value = DraftScheduleCancelled.class, name = "DraftScheduleCancelled"),
        @JsonSubTypes.Type(value = DraftPublished.class, name = "DraftPublished")
})
public sealed interface TimelineEvent
        permits TimelineOpened, TimelineRetitled, TimelineClosed, TimelineReopened, UpdateEvent, DraftEvent {

    String timelineId();

    /** The wire name of this event's type, as in {@code @JsonSubTypes} above. */
    default String type() {
        return getClass().getSimpleName();
    }
}
