package news.timeline.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Once the service has begun to stop ({@code SIGTERM}), a request that arrives anyway (on a connection kept alive
 * from before) is refused with {@code 503} and the connection closed, before it reaches a command bus, cache or
 * connection pool that may already be shut: the client sends it again elsewhere. Requests already in flight are
 * answered as usual; graceful shutdown waits for them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StoppingRefusal extends OncePerRequestFilter implements ApplicationListener<ContextClosedEvent> {

    private volatile boolean stopping;

    /** Whether the service has begun to stop: a request cut short now was cut by the stop, not by its sender. */
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!stopping) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        response.setHeader(HttpHeaders.CONNECTION, "close");
        Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "stopping", "Service stopping",
                "this instance is stopping; send the request again");
    }
}
