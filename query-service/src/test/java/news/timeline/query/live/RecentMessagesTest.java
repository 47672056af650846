package news.timeline.query.live;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a reconnecting reader may catch up from memory: all it missed, or nothing. */
class RecentMessagesTest {

    private final RecentMessages recent = new RecentMessages(3, 0);

    @Test
    void eventsAppliedBeforeTheyWereMadeAreNotKept() {
        RecentMessages madeAtFour = new RecentMessages(3, 4);
        assertThat(madeAtFour.after(4)).as("a reader who has seen 4 missed nothing")
                .hasValueSatisfying(missed -> assertThat(missed).isEmpty());
        madeAtFour.applied(5, Optional.of(message(5, "u1", false)));

        assertThat(madeAtFour.after(3)).as("event 4 was applied before anything was kept").isEmpty();
        assertThat(madeAtFour.after(4)).hasValueSatisfying(missed -> assertThat(sequences(missed)).containsExactly(5L));
    }

    @Test
    void eventsWithoutAMessageStillCountAsKept() {
        recent.applied(1, Optional.of(message(1, "u1", false)));
        recent.applied(2, Optional.empty());
        recent.applied(3, Optional.of(message(3, "u2", false)));

        assertThat(recent.after(0)).hasValueSatisfying(missed -> assertThat(sequences(missed)).containsExactly(1L, 3L));
        assertThat(recent.after(3)).hasValueSatisfying(missed -> assertThat(missed).isEmpty());
    }

    @Test
    void aReaderWhoMissedMoreThanIsKeptIsToldSo() {
        for (long sequence = 1; sequence <= 5; sequence++) {
            recent.applied(sequence, Optional.of(message(sequence, "u" + sequence, false)));
        }

        assertThat(recent.after(1)).as("2 is gone").isEmpty();
        assertThat(recent.after(2)).hasValueSatisfying(missed -> assertThat(sequences(missed)).containsExactly(3L, 4L, 5L));
    }

    @Test
    void staleMessagesAreRenderedAgainInPlace() {
        recent.applied(1, Optional.of(message(1, "u1", true)));
        recent.applied(2, Optional.of(message(2, "u2", false)));
        recent.applied(3, Optional.of(message(3, "u1", true)));

        recent.refresh(message -> message.updateId().equals("u1"),
                stale -> Optional.of(message(stale.sequence(), stale.updateId(), false)));

        assertThat(recent.after(0)).hasValueSatisfying(missed -> {
            assertThat(sequences(missed)).containsExactly(1L, 2L, 3L);
            assertThat(missed).noneMatch(LiveMessage::pinned);
        });
    }

    private static LiveMessage message(long sequence, String updateId, boolean pinned) {
        return LiveMessage.of(sequence, "UpdatePosted", "posted", updateId, pinned, "{}");
    }

    private static List<Long> sequences(List<LiveMessage> messages) {
        return messages.stream().map(LiveMessage::sequence).toList();
    }
}
