package news.timeline.query.history;

import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** Reads revisions for readers: once an update is retracted, none of its words are given out any more. */
@Repository
public class HistoryReader {

    private final UpdateRevisions updateRevisions;

    HistoryReader(UpdateRevisions updateRevisions) {
        this.updateRevisions = updateRevisions;
    }

    public Optional<PublicHistory> publicHistory(String timelineId, String updateId) {
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
