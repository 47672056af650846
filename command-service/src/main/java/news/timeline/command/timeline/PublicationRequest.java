package news.timeline.command.timeline;

import java.time.Instant;

/** When a draft is to go out: {@code at} in the future, or now when left out. */
record PublicationRequest(Instant at) {
}
