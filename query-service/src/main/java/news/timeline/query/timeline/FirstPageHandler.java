package news.timeline.query.timeline;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import news.timeline.query.web.SurrogateKeys;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The hottest request of a big night, a plain {@code GET /api/timelines/{tid}}, answered on Undertow's I/O thread
 * when the page in memory is up to date: no hand-over to a worker thread, no servlet, no framework, just the
 * cached bytes and their headers. Anything it cannot answer from memory alone (a page to load, a query string, a
 * request from another origin, which needs the CORS headers) goes on to the servlet stack as before
 * ({@link FirstPageFilter}, then {@link ReaderController}).
 */
@Configuration(proxyBeanMethods = false)
class FirstPageHandler {

    private static final String PREFIX = "/api/timelines/";
    private static final HttpString SEQUENCE = new HttpString(ReaderController.SEQUENCE_HEADER);
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString SURROGATE_KEY = new HttpString(SurrogateKeys.HEADER);
    private static final List<String> VARY = List.of(HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
            HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

    private final FirstPages firstPages;

    FirstPageHandler(FirstPages firstPages) {
        this.firstPages = firstPages;
    }

    @Bean
    UndertowDeploymentInfoCustomizer firstPageOnTheIoThread() {
        // ahead of the servlet initial handler, which is what hands a request over to a worker thread
        return deployment -> deployment.addInitialHandlerChainWrapper(servlets -> exchange -> answer(exchange, servlets));
    }

    private void answer(HttpServerExchange exchange, HttpHandler servlets) throws Exception {
        Optional<FirstPages.Cached> cached = firstPageOf(exchange).flatMap(firstPages::fresh);
        if (cached.isEmpty()) {
            servlets.handleRequest(exchange);
            return;
        }
        long sequence = cached.get().page().lastSequence();
        String etag = FirstPageFilter.etag(sequence);
        exchange.getResponseHeaders()
                .put(new HttpString(HttpHeaders.ETAG), etag)
                .put(Headers.CACHE_CONTROL, HttpCaching.PUBLIC.getHeaderValue())
                .put(SEQUENCE, sequence)
                .put(NOSNIFF, "nosniff")
                .put(SURROGATE_KEY, SurrogateKeys.of(cached.get().page().id(), null).get(0));
        // what the CORS processing says on the servlet path: a cross-origin request is answered differently
        exchange.getResponseHeaders().addAll(Headers.VARY, VARY);
        if (etag.equals(exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH))) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        byte[] json = cached.get().json();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .put(Headers.CONTENT_LENGTH, json.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(json));
    }

    /** The timeline id of a plain same-origin first-page request, or empty. */
    private static Optional<String> firstPageOf(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        if (!Methods.GET.equals(exchange.getRequestMethod()) || !exchange.getQueryString().isEmpty()
                || !path.startsWith(PREFIX) || exchange.getRequestHeaders().contains(Headers.ORIGIN)) {
            return Optional.empty();
        }
        String timelineId = path.substring(PREFIX.length());
        return timelineId.isEmpty() || timelineId.indexOf('/') >= 0 ? Optional.empty() : Optional.of(timelineId);
    }
}
