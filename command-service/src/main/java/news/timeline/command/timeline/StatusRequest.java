package news.timeline.command.timeline;

import jakarta.validation.constraints.NotNull;

/** Whether the live coverage goes on. */
record StatusRequest(@NotNull Status status) {

    enum Status { OPEN, CLOSED }
}
