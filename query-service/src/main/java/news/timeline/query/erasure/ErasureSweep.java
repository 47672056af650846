package news.timeline.query.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import news.timeline.events.EventChain;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.events.UpdateErased;
import news.timeline.query.consuming.AppliedEventsListener;
import news.timeline.query.rebuild.ProjectionsReplaced;
import news.timeline.query.store.ProjectionJson;
import news.timeline.query.timeline.FirstPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries out the approved erasures this instance has not yet ({@link ErasureProjection}'s rows without
 * {@code applied_at}): each event an erasure names loses its words in the audit log (keeping what
 * {@link EventChain#erased} keeps, so the chain still verifies), the first pages held in memory go, the caches in front
 * are told to drop theirs ({@link PurgeHook}), and only then is it marked carried out, the receipt auditors see.
 * Runs once an erasure's event is stored, every 10 s for one that failed, at start, and after a rebuild (which read
 * the words back from the topic and carried out none). An event erased already is not rewritten. An erasure not
 * carried out a minute after its approval shows in health ({@link ErasureHealth}) and in the metric
 * {@code timeline_erasures_waiting}. The reader projection took the words out with the erasure's own event.
 */
@Component
class ErasureSweep implements AppliedEventsListener {

    private static final Logger log = LoggerFactory.getLogger(ErasureSweep.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final FirstPages firstPages;
    private final PurgeHook purgeHook;
    private final Duration overdueAfter;
    private final Clock clock = Clock.systemUTC();
    /** The erasures the last try could not carry out. */
    private volatile List<Waiting> notCarriedOut = List.of();

    /** An approved erasure not carried out here yet: where its event is, and when it was approved. */
    private record Waiting(String timelineId, String erasureId, long sequence, Instant approvedAt) {
    }

    ErasureSweep(JdbcTemplate jdbc, TransactionTemplate transaction, FirstPages firstPages, PurgeHook purgeHook,
                 MeterRegistry meters, @Value("${timeline.erasure.overdue-after:60s}") Duration overdueAfter) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.firstPages = firstPages;
        this.purgeHook = purgeHook;
        this.overdueAfter = overdueAfter;
        Gauge.builder("timeline.erasures.waiting", this, sweep -> sweep.notCarriedOut.size())
                .description("Approved erasures this replica has not carried out yet")
                .register(meters);
    }

    @Override
    public void applied(List<EventEnvelope> events) {
        if (events.stream().anyMatch(event -> event.payload() instanceof UpdateErased)) {
            carryOutWaiting();
        }
    }

    @EventListener({ApplicationReadyEvent.class, ProjectionsReplaced.class})
    @Scheduled(fixedDelayString = "${timeline.erasure.retry:10s}")
    void carryOutWaiting() {
        List<Waiting> all;
        try {
            all = waiting();
        } catch (DataAccessException e) {
            // the database away: health keeps answering from the last try, and this tries again
            log.warn("the erasures to carry out cannot be read now: {}", e.getClass().getName());
            return;
        }
        List<Waiting> left = new ArrayList<>();
        for (Waiting erasure : all) {
            try {
                carryOut(erasure);
            } catch (RuntimeException e) {
                left.add(erasure);
                log.error("erasure {} of timeline {} is not carried out here yet, tried again in a while: {}",
                        erasure.erasureId(), erasure.timelineId(), e.getClass().getName());
            }
        }
        notCarriedOut = List.copyOf(left);
    }

    /**
     * Approved erasures not carried out here a minute after their approval, as last tried: what health flags,
     * answered at once with the database away.
     */
    Map<String, Instant> overdue() {
        Instant due = clock.instant().minus(overdueAfter);
        Map<String, Instant> overdue = new TreeMap<>();
        notCarriedOut.stream().filter(erasure -> erasure.approvedAt().isBefore(due))
                .forEach(erasure -> overdue.put(erasure.timelineId() + "/" + erasure.erasureId(),
                        erasure.approvedAt()));
        return overdue;
    }

    private List<Waiting> waiting() {
        return jdbc.query("SELECT timeline_id, erasure_id, sequence, approved_at FROM erasure "
                        + "WHERE applied_at IS NULL ORDER BY approved_at",
                (rs, row) -> new Waiting(rs.getString("timeline_id"), rs.getString("erasure_id"), rs.getLong("sequence"),
                        ProjectionJson.instant(rs, "approved_at")));
    }

    private void carryOut(Waiting waiting) {
        UpdateErased erasure = (UpdateErased) EventJson.read(jdbc.queryForObject(
                "SELECT envelope FROM audit_entry WHERE timeline_id = ? AND sequence = ?", String.class,
                waiting.timelineId(), waiting.sequence()).getBytes(StandardCharsets.UTF_8)).payload();
        int rewritten = transaction.execute(status -> erasedEvents(erasure));
        firstPages.forget(erasure.timelineId());
        purgeHook.purge(erasure);
        jdbc.update("UPDATE erasure SET applied_at = ? WHERE timeline_id = ? AND erasure_id = ?",
                clock.instant().atOffset(ZoneOffset.UTC), erasure.timelineId(), erasure.erasureId());
        // ids only: a log must never hold what was erased
        log.info("erasure {} of timeline {} carried out: {} events of the audit log erased", erasure.erasureId(),
                erasure.timelineId(), rewritten);
    }

    /** Rewrites the erasure's events in the audit log without their words; how many were not rewritten yet. */
    private int erasedEvents(UpdateErased erasure) {
        int count = 0;
        for (UpdateErased.ErasedEvent erased : erasure.erasedEvents()) {
            List<String> stored = jdbc.queryForList("SELECT envelope FROM audit_entry WHERE timeline_id = ? "
                    + "AND sequence = ?", String.class, erasure.timelineId(), erased.sequence());
            JsonNode envelope = stored.isEmpty() ? null : tree(stored.get(0));
            if (envelope != null && !envelope.has(EventChain.ERASURE)) {
                count += jdbc.update("UPDATE audit_entry SET envelope = ? WHERE timeline_id = ? AND sequence = ?",
                        EventChain.erased(envelope, erasure.erasureId()).toString(), erasure.timelineId(),
                        erased.sequence());
            }
        }
        return count;
    }

    private static JsonNode tree(String envelope) {
        try {
            return EventJson.mapper().readTree(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
