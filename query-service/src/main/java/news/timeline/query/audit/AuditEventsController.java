package news.timeline.query.audit;

import news.timeline.query.consuming.AppliedSequences;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/audit/timelines/{tid}/events}: every event of a timeline, in order, one JSON envelope a line
 * (NDJSON), exactly as it arrived from Kafka, retracted words included. Filters: {@code type} (repeatable),
 * {@code actor}, {@code from} and {@code to} (instants, {@code to} exclusive). Rows are streamed from the database as
 * they are read, never the whole history in memory.
 */
@RestController
class AuditEventsController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final AppliedSequences sequences;

    AuditEventsController(JdbcTemplate jdbc, TransactionTemplate transactions, AppliedSequences sequences) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.sequences = sequences;
    }

    @GetMapping("/api/audit/timelines/{timelineId}/events")
    ResponseEntity<StreamingResponseBody> events(
            @PathVariable String timelineId,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        if (sequences.current(timelineId) < 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId);
        }
        StringBuilder sql = new StringBuilder("SELECT envelope FROM audit_entry WHERE timeline_id = ?");
        List<Object> arguments = new ArrayList<>(List.of(timelineId));
        if (type != null && !type.isEmpty()) {
            sql.append(" AND type IN (").append(String.join(", ", type.stream().map(t -> "?").toList())).append(')');
            arguments.addAll(type);
        }
        if (actor != null) {
            sql.append(" AND actor = ?");
            arguments.add(actor);
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            arguments.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            arguments.add(to.atOffset(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY sequence");
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(status -> jdbc.query(sql.toString(),
                (RowCallbackHandler) rs -> write(out, rs.getString("envelope")), arguments.toArray()));
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    private static void write(OutputStream out, String envelope) {
        try {
            out.write(envelope.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
