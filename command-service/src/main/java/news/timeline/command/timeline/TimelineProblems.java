package news.timeline.command.timeline;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import news.timeline.command.web.Problems;
import news.timeline.command.web.StoppingRefusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.lifecycle.ShutdownInProgressException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/** Every refusal as {@code application/problem+json}, naming the field or the rule; nothing was changed. */
@RestControllerAdvice
class TimelineProblems extends ResponseEntityExceptionHandler {

    /** How each broken rule without a handler of its own is answered: status, problem type and title. */
    private static final Map<Class<? extends TimelineRuleException>, Refusal> REFUSALS = Map.ofEntries(
            refusal(UnknownUpdateException.class, HttpStatus.NOT_FOUND, "unknown-update", "No such update"),
            refusal(UpdateRetractedException.class, HttpStatus.CONFLICT, "update-retracted", "Update retracted"),
            refusal(UpdateErasedException.class, HttpStatus.GONE, "update-erased", "Update erased"),
            refusal(TimelineClosedException.class, HttpStatus.CONFLICT, "timeline-closed", "Timeline closed"),
            refusal(DuplicateUpdateException.class, HttpStatus.CONFLICT, "duplicate-update", "Update exists"),
            refusal(UnknownDraftException.class, HttpStatus.NOT_FOUND, "unknown-draft", "No such draft"),
            refusal(DraftNotYoursException.class, HttpStatus.FORBIDDEN, "not-your-draft", "Someone else's draft"),
            refusal(DraftPublishedException.class, HttpStatus.CONFLICT, "draft-published", "Draft published"),
            refusal(DraftScheduledException.class, HttpStatus.CONFLICT, "draft-scheduled", "Draft scheduled"),
            refusal(UnknownErasureException.class, HttpStatus.NOT_FOUND, "unknown-erasure", "No such erasure"),
            refusal(OwnErasureException.class, HttpStatus.FORBIDDEN, "own-erasure",
                    "Approved by someone else"),
            refusal(ErasureApprovedException.class, HttpStatus.CONFLICT, "erasure-approved", "Erasure approved"),
            refusal(ErasurePendingException.class, HttpStatus.CONFLICT, "erasure-pending", "Erasure pending"));

    private static Map.Entry<Class<? extends TimelineRuleException>, Refusal> refusal(
            Class<? extends TimelineRuleException> rule, HttpStatus status, String type, String title) {
        return Map.entry(rule, new Refusal(status, type, title));
    }

    private record Refusal(HttpStatus status, String type, String title) {
    }

    private final StoppingRefusal stopping;

    TimelineProblems(StoppingRefusal stopping) {
        this.stopping = stopping;
    }

    @ExceptionHandler
    ProblemDetail invalidContent(InvalidContentException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-content", "Invalid content", e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> staleRevision(StaleRevisionException e) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "stale-revision",
                "It changed since you read it", e.getMessage());
        problem.setProperty("currentRevision", e.currentRevision());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
                .eTag(Revisions.etag(e.currentRevision()))
                .body(problem);
    }

    @ExceptionHandler
    ProblemDetail missingRevision(Revisions.MissingRevisionException e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "revision-required", "Revision required", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail malformedRevision(Revisions.MalformedRevisionException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-revision", "Malformed If-Match", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownTimeline(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-timeline", "No such timeline",
                "no timeline " + e.getAggregateIdentifier());
    }

    /** Any other rule broken, answered as {@link #REFUSALS} says. */
    @ExceptionHandler
    ProblemDetail ruleBroken(TimelineRuleException e) {
        Refusal refusal = REFUSALS.getOrDefault(e.getClass(), new Refusal(HttpStatus.CONFLICT, "rule-broken",
                "Not allowed"));
        return problem(refusal.status(), refusal.type(), refusal.title(), e.getMessage());
    }

    /** A timeline id taken already, or another node appended to the same timeline at the same moment. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail concurrent(Exception e) {
        return problem(HttpStatus.CONFLICT, "conflict", "Conflicting change",
                "the timeline exists already or changed at the same moment; read it and try again");
    }

    /**
     * The event store could not be reached, was too busy (no free connection), went away mid-commit (the database
     * restarting) or is being shut down, however Axon or Spring wrapped that: {@code 503}. A commit cut short may
     * have been stored or not; the same request sent again with the same {@code Idempotency-Key} is stored once
     * either way. Anything else is not the store's and goes on to be a {@code 500}.
     */
    @ExceptionHandler({EventStoreException.class, JdbcException.class, TransactionException.class,
            DataAccessException.class, CommandExecutionException.class, ShutdownInProgressException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException e) {
        if (!fromTheStore(e) && !(e instanceof ShutdownInProgressException)) {
            throw e;
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Event store unavailable",
                        "the event store did not answer; send the request again, with the same Idempotency-Key to"
                                + " have it stored once whatever became of this one"));
    }

    private static boolean fromTheStore(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof DataAccessException
                    || cause instanceof TransactionException || cause instanceof JdbcException
                    || cause instanceof EventStoreException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        if (e.getBindingResult().getFieldError() != null) {
            problem.setProperty("field", e.getBindingResult().getFieldError().getField());
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * Malformed JSON, a wrong type, or a field the API does not have (actor, revision and status are not fields).
     * While the service stops, a body that ends too soon was cut by the stop: {@code 503}, to be sent again.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        if (stopping.stopping()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "stopping", "Service stopping",
                            "this instance stopped while reading the request; send it again"));
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-request", "Unreadable request",
                "the body is not the JSON this request takes");
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problem.setProperty("field", field);
            problem.setDetail(field + ": " + (mapping instanceof UnrecognizedPropertyException
                    ? "is not a field of this request"
                    : mapping instanceof MismatchedInputException ? "has the wrong type or shape" : "is malformed"));
        } else if (e.getCause() instanceof StreamReadException unreadable && unreadable.getProcessor() != null
                && unreadable.getProcessor().getParsingContext().getCurrentName() != null) {
            // not JSON from here on, or a field given twice: name where the parser was
            String field = unreadable.getProcessor().getParsingContext().pathAsPointer().toString().substring(1)
                    .replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
            problem.setProperty("field", field);
            problem.setDetail(field + ": " + unreadable.getOriginalMessage());
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }
}
