package news.timeline.command.timeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import news.timeline.command.CommandServiceApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import news.timeline.command.security.SecurityConfiguration;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.stream.Stream;

import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The editors' API's refusals, on the web layer alone: each bad request and each rule the timeline refuses a command
 * by becomes its status and an {@code application/problem+json} body naming the problem; a request refused before
 * the command bus sends no command. The command bus is a mock: what the timeline decides is {@link TimelineTest}'s.
 */
@WebMvcTest(controllers = TimelineController.class,
        properties = "spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
        // keys are remembered in the event store's database, which a web slice has not
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.IdempotencyFilter"))
@Import({TimelineRefusalsTest.Meters.class, SecurityConfiguration.class})
@WithMockUser(username = "editor", roles = "EDITOR")
class TimelineRefusalsTest {

    private static final String POST = """
            {"headline":"Carswell defects","blocks":[{"type":"paragraph","text":"Douglas Carswell joins Ukip."}]}""";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CommandGateway commands;

    @TestConfiguration
    static class Meters {
        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }

    static Stream<Arguments> refusedBeforeAnyCommand() {
        return Stream.of(
                refused(post("/api/timelines/t1/updates").content("{\"headline\":"), 400, "unreadable-request"),
                refused(post("/api/timelines/t1/updates").content(POST.replace("\"headline\"", "\"headlin\"")), 400,
                        "unreadable-request"),
                refused(post("/api/timelines").content("{\"id\":\"Not An Id\",\"title\":\"Election\"}"), 400,
                        "invalid-request"),
                refused(put("/api/timelines/t1/pin").content("{\"updateId\":\" \"}"), 400, "invalid-request"),
                refused(put("/api/timelines/t1/updates/u1").header("If-Match", "\"seven\"").content(POST), 400,
                        "malformed-revision"),
                refused(post("/api/timelines/t1/updates").content("{\"headline\":\"" + "x".repeat(70_000) + "\"}"),
                        413, "body-too-large"),
                refused(put("/api/timelines/t1/status").content("{\"status\":\"ARCHIVED\"}"), 400,
                        "unreadable-request"));
    }

    @ParameterizedTest
    @MethodSource
    void refusedBeforeAnyCommand(MockHttpServletRequestBuilder request, int status, String problem)
            throws Exception {
        mvc.perform(request.contentType(MediaType.APPLICATION_JSON).with(csrf()))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(endsWith(problem)));
        verifyNoInteractions(commands);
    }

    static Stream<Arguments> timelineRules() {
        return Stream.of(
                Arguments.of(new TimelineClosedException("t1"), 409,
                        "timeline-closed"),
                Arguments.of(new UnknownUpdateException("t1", "u1"), 404,
                        "unknown-update"),
                Arguments.of(new AggregateNotFoundException("t1", "no t1"), 404,
                        "unknown-timeline"),
                Arguments.of(new UpdateRetractedException("u1"), 409,
                        "update-retracted"),
                Arguments.of(new StaleRevisionException("update u1", 1, 2), 412,
                        "stale-revision"),
                Arguments.of(new UnknownDraftException("t1", "d1"), 404,
                        "unknown-draft"),
                Arguments.of(new DraftNotYoursException("d1"), 403,
                        "not-your-draft"),
                Arguments.of(new DraftPublishedException("d1"), 409,
                        "draft-published"),
                Arguments.of(new InvalidContentException("headline", "too long"),
                        400, "invalid-content"),
                Arguments.of(new ConcurrencyException("another change first"), 409,
                        "conflict"),
                Arguments.of(new EventStoreException("the database is away"), 503,
                        "store-unavailable"));
    }

    @ParameterizedTest
    @MethodSource
    void timelineRules(RuntimeException refusal, int status, String problem) throws Exception {
        when(commands.sendAndWait(any())).thenThrow(refusal);

        mvc.perform(put("/api/timelines/t1/updates/u1").header("If-Match", "\"1\"").content(POST
                        .replace("}]}", "}],\"change\":{\"kind\":\"CORRECTION\",\"note\":\"n\"}}"))
                        .contentType(MediaType.APPLICATION_JSON).with(csrf()))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(endsWith(problem)));
    }

    @Test
    void aStoreThatIsAwayIsToldAsSuchWithWhenToTryAgain() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new EventStoreException("the database is away"));

        mvc.perform(post("/api/timelines/t1/updates").content(POST).contentType(MediaType.APPLICATION_JSON)
                        .with(csrf()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"));
    }

    @Test
    @WithAnonymousUser
    void noOneSignedInIsAskedToSignIn() throws Exception {
        mvc.perform(post("/api/timelines/t1/updates").content(POST).contentType(MediaType.APPLICATION_JSON)
                        .with(csrf()))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(commands);
    }

    @Test
    @WithMockUser(username = "auditor", roles = "AUDITOR")
    void anAuditorCannotPost() throws Exception {
        mvc.perform(post("/api/timelines/t1/updates").content(POST).contentType(MediaType.APPLICATION_JSON)
                        .with(csrf()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    private static Arguments refused(MockHttpServletRequestBuilder request,
                                                                       int status, String problem) {
        return Arguments.of(request, status, problem);
    }
}
