package news.timeline.query.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.util.function.ToDoubleFunction;

/**
 * A rebuild's progress for the operators' scrapes: whether one is under way, the records it has read and those it
 * has to read before it has caught up with the live projection (the same figures as {@code /api/admin/rebuild}).
 */
@Component
class RebuildProgress implements MeterBinder {

    private final ProjectionRebuild rebuild;

    RebuildProgress(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "timeline.rebuild.running", "1 while a rebuild is applying events or switching over",
                progress -> progress.state() == ProjectionRebuild.State.REBUILDING
                        || progress.state() == ProjectionRebuild.State.SWITCHING ? 1 : 0);
        gauge(registry, "timeline.rebuild.records.read", "records the last rebuild has read",
                ProjectionRebuild.Progress::recordsRead);
        gauge(registry, "timeline.rebuild.records.to-read", "records the last rebuild reads before it catches up",
                ProjectionRebuild.Progress::recordsToRead);
    }

    private void gauge(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<ProjectionRebuild.Progress> value) {
        Gauge.builder(name, rebuild, current -> value.applyAsDouble(current.progress()))
                .description(description).register(registry);
    }
}
