package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.Objects;

/** One update within its timeline: what decides whether it may still change. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Update {

    private String updateId;
    private int revision;
    private boolean retracted;

    Update() {
        // for snapshots
    }

    Update(String updateId) {
        this.updateId = updateId;
        this.revision = 1;
    }

    /** The revision a change based on {@code basedOnRevision} would create, if it may be made at all. */
    int nextRevision(int basedOnRevision) {
        checkLive();
        if (basedOnRevision != revision) {
            throw new StaleRevisionException(updateId, basedOnRevision, revision);
        }
        return revision + 1;
    }

    void checkLive() {
        if (retracted) {
            throw new UpdateRetractedException(updateId);
        }
    }

    /** By value, so that Axon's test fixture can compare state built by commands and by sourcing events. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Update that && updateId.equals(that.updateId)
                && revision == that.revision && retracted == that.retracted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(updateId, revision, retracted);
    }

    void edited(int newRevision) {
        revision = newRevision;
    }

    void retracted(int lastRevision) {
        revision = lastRevision;
        retracted = true;
    }
}
