package news.timeline.command.timeline;

import jakarta.validation.constraints.NotBlank;

/** Which update goes to the top. */
record PinRequest(@NotBlank String updateId) {
}
