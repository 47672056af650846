package news.timeline.query.history;

import news.timeline.query.timeline.TimelineReader;
import news.timeline.query.timeline.UpdateView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Repository;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Optional;

/**
 * Reads revisions for readers: once an update is retracted, none of its words are given out any more; once it is
 * erased, its history is gone ({@code 410}).
 */
@Repository
public class HistoryReader {

    private final UpdateRevisions updateRevisions;
    private final TimelineReader updates;

    HistoryReader(UpdateRevisions updateRevisions, TimelineReader updates) {
        this.updateRevisions = updateRevisions;
        this.updates = updates;
    }

    public Optional<PublicHistory> publicHistory(String timelineId, String updateId) {
        updates.update(timelineId, updateId).filter(update -> update.status() == UpdateView.Status.ERASED)
                .ifPresent(erased -> {
                    throw new ResponseStatusException(HttpStatus.GONE, erased.retraction().publicNote());
                });
        List<PublicHistory.Revision> revisions = updateRevisions.of(timelineId, updateId).stream()
                .map(HistoryReader::forReaders).toList();
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        boolean retracted = UpdateRevisions.RETRACTION.equals(revisions.get(revisions.size() - 1).kind());
        return Optional.of(new PublicHistory(timelineId, updateId, retracted,
                retracted ? revisions.stream().map(HistoryReader::withoutContent).toList() : revisions));
    }

    private static PublicHistory.Revision forReaders(UpdateRevisions.Revision revision) {
        return new PublicHistory.Revision(revision.revision(), revision.kind(), revision.note(), revision.at(),
                revision.headline(), revision.blocks(), revision.keyEvent());
    }

    private static PublicHistory.Revision withoutContent(PublicHistory.Revision revision) {
        return new PublicHistory.Revision(revision.revision(), revision.kind(), revision.note(), revision.at(),
                null, null, null);
    }
}
