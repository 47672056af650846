package news.timeline.command.timeline;

import jakarta.validation.constraints.Pattern;

/**
 * A new timeline; {@code id} is optional and, when given, becomes part of its URLs; {@code timeZone} (IANA) is
 * optional, the newsroom's when absent.
 */
record OpenTimelineRequest(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "lower-case letters, digits and dashes, up to 64")
        String id,
        String title,
        String summary,
        String timeZone) {
}
