package news.timeline.command.security;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import news.timeline.command.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Editors' commands carry no span per security filter; the requests themselves are still observed. */
@CommandServiceTest
class SecurityObservationsTest {

    @Autowired
    ObservationRegistry observations;

    @Test
    void springSecuritysObservationsAreOffAndTheRequestsOnesAreKept() {
        assertThat(Observation.start("spring.security.filterchains", observations).isNoop()).isTrue();
        assertThat(Observation.start("spring.security.authentications", observations).isNoop()).isTrue();
        assertThat(Observation.start("http.server.requests", observations).isNoop()).isFalse();
    }
}
