package news.timeline.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantsAsWrittenTest {

    @Test
    void everyInstantReadsBackAsTheStandardParserReadsIt() {
        Random random = new Random(20141010);
        for (int i = 0; i < 100_000; i++) {
            Instant written = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String text = written.toString();
            assertThat(InstantsAsWritten.parse(text)).as(text).isEqualTo(written).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void fractionsOfAnyLengthCountFromTheSecond() {
        assertThat(InstantsAsWritten.parse("2014-10-10T08:00:03.1Z")).isEqualTo("2014-10-10T08:00:03.100Z");
        assertThat(InstantsAsWritten.parse("2014-10-10T08:00:03.00001Z")).isEqualTo("2014-10-10T08:00:03.000010Z");
        assertThat(InstantsAsWritten.parse("2014-10-10T08:00:03Z")).isEqualTo("2014-10-10T08:00:03Z");
    }

    @Test
    void anythingElseIsLeftToTheStandardParser() {
        assertThat(List.of("2014-10-10T08:00:03.Z", "2014-10-10T08:00:03.0000000001Z", "2014-10-10 08:00:03Z",
                "2014-10-10T08:00:03+01:00", "+12014-10-10T08:00:03Z", "-0001-10-10T08:00:03Z",
                "2014-02-29T08:00:03Z", "2014-13-10T08:00:03Z", "2014-10-10T24:00:00Z", "2014-10-10T08:60:03Z",
                "2016-12-31T23:59:60Z", "2014-1O-10T08:00:03Z", "2014-10-10T08:00:03.00a1Z", ""))
                .allSatisfy(text -> assertThat(InstantsAsWritten.parse(text)).as(text).isNull());
    }

    @Test
    void eventsReadTheirInstantsThroughIt() throws Exception {
        ObjectMapper mapper = EventJson.mapper();
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());

        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)))
                .isInstanceOf(InstantsAsWritten.class);
        assertThat(mapper.readValue("\"2014-10-10T08:00:03.001Z\"", Instant.class))
                .isEqualTo("2014-10-10T08:00:03.001Z");
        assertThat(mapper.readValue("\"2014-10-10T09:00:03.001+01:00\"", Instant.class))
                .isEqualTo("2014-10-10T08:00:03.001Z");
        assertThat(mapper.readValue("1412928003.001", Instant.class)).isEqualTo("2014-10-10T08:00:03.001Z");
        assertThatThrownBy(() -> mapper.readValue("\"2014-02-29T08:00:03Z\"", Instant.class))
                .hasRootCauseInstanceOf(DateTimeParseException.class);
    }
}
