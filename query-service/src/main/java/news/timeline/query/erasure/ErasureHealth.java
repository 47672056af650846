package news.timeline.query.erasure;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/** DOWN while an erasure approved over a minute ago is not carried out by this replica: its words are still here. */
@Component("erasures")
class ErasureHealth extends AbstractHealthIndicator {

    private final ErasureSweep sweep;

    ErasureHealth(ErasureSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Map<String, Instant> overdue = sweep.overdue();
        if (overdue.isEmpty()) {
            health.up();
            return;
        }
        health.down();
        overdue.forEach((erasure, approved) -> health.withDetail(erasure,
                "approved " + approved + ", not carried out here yet"));
    }
}
