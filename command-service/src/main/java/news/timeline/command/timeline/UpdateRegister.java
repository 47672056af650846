package news.timeline.command.timeline;

import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdateErased;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/**
 * Each update's revision and status (table {@code timeline_update}), what the timeline's rules need to accept a
 * change to it. The timeline's aggregate keeps only what concerns the whole story, so that its state, its
 * snapshot and the cost of loading it stay the same however many updates the story has; it asks here for the
 * one update a command names.
 * <p>
 * The register follows the events: the timeline records each update event it applies once the command that applied
 * it has succeeded, in that command's transaction. A command handled after it in the same batch (see the group
 * commit), on the same connection, already sees it; a command refused, or a batch rolled back, leaves nothing.
 */
public class UpdateRegister {

    private final JdbcTemplate jdbc;

    public UpdateRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UpdateState> find(String timelineId, String updateId) {
        return jdbc.query("SELECT revision, retracted, erased FROM timeline_update WHERE timeline_id = ? "
                        + "AND update_id = ?",
                (row, n) -> new UpdateState(updateId, row.getInt(1), row.getBoolean(2), row.getBoolean(3)),
                timelineId, updateId)
                .stream().findFirst();
    }

    /** Records one event's effect on its update; other events leave the register as it is. */
    public void record(Object event) {
        if (event instanceof UpdatePosted posted) {
            jdbc.update("INSERT INTO timeline_update (timeline_id, update_id, revision, retracted) "
                    + "VALUES (?, ?, 1, FALSE)", posted.timelineId(), posted.updateId());
        } else if (event instanceof UpdateEdited edited) {
            jdbc.update("UPDATE timeline_update SET revision = ? WHERE timeline_id = ? AND update_id = ?",
                    edited.revision(), edited.timelineId(), edited.updateId());
        } else if (event instanceof UpdateRetracted retracted) {
            jdbc.update("UPDATE timeline_update SET revision = ?, retracted = TRUE "
                            + "WHERE timeline_id = ? AND update_id = ?",
                    retracted.revision(), retracted.timelineId(), retracted.updateId());
        } else if (event instanceof UpdateErased erased) {
            jdbc.update("UPDATE timeline_update SET erased = TRUE WHERE timeline_id = ? AND update_id = ?",
                    erased.timelineId(), erased.updateId());
        }
    }
}
