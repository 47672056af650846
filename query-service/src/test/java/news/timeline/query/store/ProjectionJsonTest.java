package news.timeline.query.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionJsonTest {

    @Test
    void aTimestampIsTheInstantInUtc() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            assertThat(ProjectionJson.timestamp(instant)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
        }
        assertThat(ProjectionJson.timestamp(Instant.EPOCH)).isEqualTo(Instant.EPOCH.atOffset(ZoneOffset.UTC));
        assertThat(ProjectionJson.timestamp(null)).isNull();
    }
}
