package news.timeline.query.timeline;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An update's time reads with its date only when that is not the day of the timeline's latest update, in the
 * timeline's own zone or else the newsroom's.
 */
class ReaderFormatTest {

    private final ReaderFormat newsroom = new ReaderFormat(ZoneId.of("Europe/London"));
    private final TimeFormat london = newsroom.in(null);

    @Test
    void onTheLatestUpdatesDayATimeIsJustItsTime() {
        assertThat(london.when(Instant.parse("2014-10-10T08:05:00Z"), Instant.parse("2014-10-10T21:30:00Z")))
                .isEqualTo("09:05");
    }

    @Test
    void onAnotherDayItCarriesItsDateAsReadersThere() {
        // 23:30 in London on the 9th, though it is the 10th already in UTC: the day is the readers' day
        assertThat(london.when(Instant.parse("2014-10-09T22:30:00Z"), Instant.parse("2014-10-10T09:00:00Z")))
                .isEqualTo("23:30, 9 October 2014");
        assertThat(london.when(Instant.parse("2014-10-09T23:30:00Z"), Instant.parse("2014-10-10T09:00:00Z")))
                .as("00:30 on the 10th in London").isEqualTo("00:30");
    }

    @Test
    void withoutALatestUpdateItIsJustTheTime() {
        assertThat(london.when(Instant.parse("2014-10-09T22:30:00Z"), null)).isEqualTo("23:30");
    }

    @Test
    void aTimelineWithAZoneOfItsOwnReadsInIt() {
        TimeFormat newYork = newsroom.in("America/New_York");
        assertThat(newYork.when(Instant.parse("2014-10-10T02:30:00Z"), Instant.parse("2014-10-10T21:30:00Z")))
                .as("22:30 on the 9th in New York").isEqualTo("22:30, 9 October 2014");
        assertThat(newYork.zoneName()).isEqualTo("Eastern Time");
        assertThat(london.zoneName()).isEqualTo("British Time");
        assertThat(newsroom.in("America/New_York")).as("made once").isSameAs(newYork);
    }
}
