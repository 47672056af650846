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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries out erasures in the audit log: each event an approved erasure names loses its words there (it keeps what
 * {@link EventChain#erased} keeps, so the chain still verifies), and this instance records when it did
 * ({@code erasure_receipt}). Runs once an erasure's event is stored, at start (an erasure stored just before a
 * crash), and after a rebuild (the rebuilt log was read from the topic, words and all); rewriting an event already
 * erased is skipped, so running again changes nothing. One that fails waits and is tried again; a minute after its
 * approval, health says so ({@link ErasureHealth}), as does the metric {@code timeline_erasures_waiting}. The
 * reader projection took the words out with the erasure's own event; the first pages held in memory go here, and
 * the caches in front are told to drop theirs ({@link PurgeHook}).
 */
@Component
class ErasureSweep implements AppliedEventsListener {

    private static final Logger log = LoggerFactory.getLogger(ErasureSweep.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final FirstPages firstPages;
    private final PurgeHook purgeHook;
    private final Clock clock;
    /** Erasures stored and not carried out yet (a failure, tried again), with when they were approved. */
    private final Map<UpdateErased, Instant> waiting = new ConcurrentHashMap<>();

    private final Duration overdueAfter;

    ErasureSweep(JdbcTemplate jdbc, TransactionTemplate transaction, FirstPages firstPages, PurgeHook purgeHook,
                 MeterRegistry meters, @Value("${timeline.erasure.overdue-after:60s}") Duration overdueAfter) {
        this.jdbc = jdbc;
        this.purgeHook = purgeHook;
        this.overdueAfter = overdueAfter;
        this.transaction = transaction;
        this.firstPages = firstPages;
        this.clock = Clock.systemUTC();
        Gauge.builder("timeline.erasures.waiting", waiting, Map::size)
                .description("Approved erasures this replica has not carried out yet")
                .register(meters);
    }

    @Override
    public void applied(List<EventEnvelope> events) {
        events.stream().filter(event -> event.payload() instanceof UpdateErased).forEach(event -> {
            waiting.put((UpdateErased) event.payload(), event.occurredAt());
            tryToCarryOut((UpdateErased) event.payload());
        });
    }

    @EventListener({ApplicationReadyEvent.class, ProjectionsReplaced.class})
    void carryOutAll() {
        jdbc.query("SELECT envelope, occurred_at FROM audit_entry WHERE type = 'UpdateErased'",
                (RowCallbackHandler) rs -> waiting.put((UpdateErased) EventJson.read(rs.getString("envelope")
                        .getBytes(StandardCharsets.UTF_8)).payload(), ProjectionJson.instant(rs, "occurred_at")));
        retryWaiting();
    }

    @Scheduled(fixedDelayString = "${timeline.erasure.retry:10s}")
    void retryWaiting() {
        List.copyOf(waiting.keySet()).forEach(this::tryToCarryOut);
    }

    /** Approved erasures not carried out here a minute after their approval: what health and monitoring flag. */
    Map<String, Instant> overdue() {
        Instant minuteAgo = clock.instant().minus(overdueAfter);
        Map<String, Instant> overdue = new TreeMap<>();
        waiting.forEach((erasure, approved) -> {
            if (approved.isBefore(minuteAgo)) {
                overdue.put(erasure.timelineId() + "/" + erasure.erasureId(), approved);
            }
        });
        return overdue;
    }

    private void tryToCarryOut(UpdateErased erasure) {
        try {
            carryOut(erasure);
            waiting.remove(erasure);
        } catch (RuntimeException e) {
            log.error("erasure {} of timeline {} is not carried out here yet, tried again in a while: {}",
                    erasure.erasureId(), erasure.timelineId(), e.getClass().getName());
        }
    }

    /**
     * Erases the log's copies, then (the first time, or when a rebuild brought the words back) has the caches
     * purged, and only then writes the receipt: an erasure whose purge failed has none, and is tried again.
     */
    private void carryOut(UpdateErased erasure) {
        int rewritten = transaction.execute(status -> erasedEvents(erasure));
        firstPages.forget(erasure.timelineId());
        boolean receipted = !jdbc.queryForList("SELECT applied_at FROM erasure_receipt WHERE timeline_id = ? "
                + "AND erasure_id = ?", Object.class, erasure.timelineId(), erasure.erasureId()).isEmpty();
        if (rewritten > 0 || !receipted) {
            purgeHook.purge(erasure);
        }
        if (!receipted) {
            jdbc.update("INSERT INTO erasure_receipt (timeline_id, erasure_id, applied_at) VALUES (?, ?, ?)",
                    erasure.timelineId(), erasure.erasureId(), clock.instant().atOffset(ZoneOffset.UTC));
        }
        if (rewritten > 0) {
            // ids only: a log must never hold what was erased
            log.info("erasure {} of timeline {}: {} events of the audit log erased", erasure.erasureId(),
                    erasure.timelineId(), rewritten);
        }
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
