package news.timeline.events;

/** Why an update was edited; a correction is shown to readers as such. */
public enum ChangeKind {
    CORRECTION, CLARIFICATION, UPDATE, TYPO
}
