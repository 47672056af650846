package news.timeline.events;

/** The kind of an edit and the editor's note about it. */
public record Change(ChangeKind kind, String note) {
}
