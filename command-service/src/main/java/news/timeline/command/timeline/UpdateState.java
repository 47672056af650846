package news.timeline.command.timeline;

/** One update as the timeline's rules see it: whether it may still change, and from which revision. */
record UpdateState(String updateId, int revision, boolean retracted, boolean erased) {

    /** The revision a change based on {@code basedOnRevision} would create, if it may be made at all. */
    int nextRevision(int basedOnRevision) {
        checkLive();
        if (basedOnRevision != revision) {
            throw new StaleRevisionException("update " + updateId, basedOnRevision, revision);
        }
        return revision + 1;
    }

    void checkLive() {
        checkNotErased();
        if (retracted) {
            throw new UpdateRetractedException(updateId);
        }
    }

    /** A retracted update may still be erased; an erased one is gone. */
    void checkNotErased() {
        if (erased) {
            throw new UpdateErasedException(updateId);
        }
    }
}
