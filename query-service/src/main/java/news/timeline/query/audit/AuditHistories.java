package news.timeline.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import news.timeline.events.Block;
import news.timeline.query.history.UpdateRevisions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every revision of an update for auditors, retracted text included, with who made it, its kind, note and (for a
 * retraction) the newsroom's reason, and the word-level difference from the revision before: as JSON at
 * {@code GET /api/audit/timelines/{tid}/updates/{uid}/history}, and on the auditors' page.
 */
@Component
class AuditHistories {

    /** The whole history of one update. */
    record AuditHistory(String timelineId, String updateId, List<Revision> revisions) {
    }

    /** One revision; {@code diff} is from the previous content revision (absent for the first and a retraction). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Revision(int revision, long sequence, String kind, String actor, Instant at, String note, String reason,
                    String headline, List<Block> blocks, Boolean keyEvent, List<WordDiff.Segment> diff) {
    }

    private final UpdateRevisions updateRevisions;

    AuditHistories(UpdateRevisions updateRevisions) {
        this.updateRevisions = updateRevisions;
    }

    AuditHistory history(String timelineId, String updateId) {
        List<Revision> stored = updateRevisions.of(timelineId, updateId).stream().map(AuditHistories::revision)
                .toList();
        if (stored.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "timeline " + timelineId + " has no update " + updateId);
        }
        List<Revision> revisions = new ArrayList<>();
        String previousText = null;
        for (Revision revision : stored) {
            if (revision.headline() == null) {
                revisions.add(revision);
                continue;
            }
            String text = text(revision);
            revisions.add(previousText == null ? revision : withDiff(revision, WordDiff.between(previousText, text)));
            previousText = text;
        }
        return new AuditHistory(timelineId, updateId, revisions);
    }

    private static Revision revision(UpdateRevisions.Revision r) {
        return new Revision(r.revision(), r.sequence(), r.kind(), r.actor(), r.at(), r.note(), r.reason(),
                r.headline(), r.blocks(), r.keyEvent(), null);
    }

    private static Revision withDiff(Revision r, List<WordDiff.Segment> diff) {
        return new Revision(r.revision(), r.sequence(), r.kind(), r.actor(), r.at(), r.note(), r.reason(),
                r.headline(), r.blocks(), r.keyEvent(), diff);
    }

    /** The words of a revision as a reader reads them: headline, then each block's text. */
    private static String text(Revision revision) {
        return Stream.concat(Stream.of(revision.headline()), revision.blocks().stream().map(AuditHistories::text))
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining("\n"));
    }

    private static String text(Block block) {
        if (block instanceof Block.Paragraph paragraph) {
            return paragraph.text();
        } else if (block instanceof Block.Image image) {
            return Stream.of(image.caption(), image.credit(), image.alt()).filter(part -> part != null)
                    .collect(Collectors.joining(" "));
        } else if (block instanceof Block.Quote quote) {
            return quote.text() + (quote.attribution() == null ? "" : " " + quote.attribution());
        } else if (block instanceof Block.Embed embed) {
            return embed.url();
        }
        return "";
    }
}
