package news.timeline.events;

/** A fact about one update of a timeline. */
public sealed interface UpdateEvent extends TimelineEvent
        permits UpdatePosted, UpdateEdited, UpdateRetracted, UpdatePinned, UpdateUnpinned, ErasureRequested,
        UpdateErased {

    String updateId();
}
