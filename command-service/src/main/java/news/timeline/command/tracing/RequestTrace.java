package news.timeline.command.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import news.timeline.command.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps each command with the trace context of the request that sent it (the caller's {@code traceparent}, or
 * the one Micrometer Tracing began for the request), in W3C form; Axon copies it onto the command's events, the
 * relay onto their Kafka records, and the query service into the log lines of the events it applies. Without
 * tracing (switched off), commands go unstamped.
 */
@Component
class RequestTrace implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final ObjectProvider<Tracer> tracer;

    RequestTrace(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span == null) {
            return (index, command) -> command;
        }
        String traceparent = traceparent(span.context());
        return (index, command) -> command.andMetaData(Map.of(EventMetadata.TRACEPARENT, traceparent));
    }

    private static String traceparent(TraceContext context) {
        // W3C's trace ids are 128 bits: a 64-bit one is written with leading zeros
        return "00-" + "0".repeat(Math.max(0, 32 - context.traceId().length())) + context.traceId() + "-"
                + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
