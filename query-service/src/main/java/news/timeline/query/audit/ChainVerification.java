package news.timeline.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.events.EventChain;
import news.timeline.events.EventJson;
import news.timeline.query.consuming.AppliedSequences;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import java.io.UncheckedIOException;

/**
 * Recomputes a timeline's hash chain from the audit log, event by event in sequence order (streamed, not loaded
 * whole), and says whether every event is as it was recorded. A break names the first event that is not, and how.
 */
@Component
class ChainVerification {

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final AppliedSequences sequences;

    ChainVerification(JdbcTemplate jdbc, TransactionTemplate transactions, AppliedSequences sequences) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.sequences = sequences;
    }

    /** {@code head} is the hash of the last intact event: quoting it pins the history as it stands. */
    record Verification(String timelineId, boolean intact, long events, long verifiedEvents, String head,
                        EventChain.Break broken) {
    }

    Verification verify(String timelineId) {
        long lastSequence = sequences.current(timelineId);
        if (lastSequence < 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId);
        }
        EventChain.Verifier chain = new EventChain.Verifier();
        readOnly.executeWithoutResult(status -> jdbc.query(
                "SELECT envelope FROM audit_entry WHERE timeline_id = ? AND sequence <= ? ORDER BY sequence",
                (RowCallbackHandler) rs -> {
                    if (chain.broken().isEmpty()) {
                        chain.accept(tree(rs.getString("envelope")));
                    }
                }, timelineId, lastSequence));
        chain.expectEvents(lastSequence + 1);
        return new Verification(timelineId, chain.broken().isEmpty(), lastSequence + 1, chain.verifiedEvents(),
                chain.head(), chain.broken().orElse(null));
    }

    private static JsonNode tree(String envelope) {
        try {
            return EventJson.mapper().readTree(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
