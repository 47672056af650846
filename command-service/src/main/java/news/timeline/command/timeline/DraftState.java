package news.timeline.command.timeline;

import news.timeline.events.Content;

/**
 * One draft as the timeline's rules see it: who filed it, what it holds now, whether it may still change, and, while
 * it is scheduled, the update it is to become.
 */
record DraftState(String draftId, String author, int revision, Status status, Content content, String byline,
                  String scheduledUpdateId) {

    enum Status {
        /** Waiting for an editor. */
        PENDING,
        /** Sent back to whoever filed it, with a note; an edit files it again. */
        REJECTED,
        /** To go out at a set time; it changes no more unless its schedule is cancelled. */
        SCHEDULED,
        /** Gone out as an update: it changes no more. */
        PUBLISHED
    }

    /**
     * The revision an edit based on {@code basedOnRevision} by {@code actor} would create, if it may be made at all:
     * by whoever filed it or by an editor, while it has not gone out.
     */
    int nextRevision(int basedOnRevision, String actor, boolean byEditor) {
        if (!byEditor && !author.equals(actor)) {
            throw new DraftNotYoursException(draftId);
        }
        checkUnchangeable();
        checkRevision(basedOnRevision);
        return revision + 1;
    }

    /** Published, or set to go out as it is: neither edited nor sent back. */
    void checkUnchangeable() {
        checkUnpublished();
        if (status == Status.SCHEDULED) {
            throw new DraftScheduledException(draftId);
        }
    }

    void checkRevision(int basedOnRevision) {
        if (basedOnRevision != revision) {
            throw new StaleRevisionException("draft " + draftId, basedOnRevision, revision);
        }
    }

    void checkUnpublished() {
        if (status == Status.PUBLISHED) {
            throw new DraftPublishedException(draftId);
        }
    }

    /** Whom readers see the update credited to once it is published: its byline, or else whoever filed it. */
    String creditedTo() {
        return byline != null ? byline : author;
    }
}
