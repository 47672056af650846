package news.timeline.command.timeline;

import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.List;

/**
 * The limits on what editors may publish. Checked by the aggregate, so that every way in (HTTP, the demo loader,
 * a future importer) meets the same rules; a breach names the field as a JSON path.
 */
final class ContentPolicy {

    static final int MAX_TITLE = 200;
    static final int MAX_HEADLINE = 200;
    static final int MAX_BLOCKS = 50;
    static final int MAX_BLOCK_TEXT = 10_000;
    static final int MAX_SHORT_TEXT = 1_000;

    private ContentPolicy() {
    }

    static void checkTimeline(String title, String summary, String timeZone) {
        required("title", title, MAX_TITLE);
        optional("summary", summary, MAX_BLOCK_TEXT);
        if (timeZone != null && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new InvalidContentException("timeZone", "not a time zone of the IANA database, such as "
                    + "Europe/London or America/New_York: " + timeZone);
        }
    }

    static void check(Content content) {
        if (content == null) {
            throw new InvalidContentException("content", "is required");
        }
        required("headline", content.headline(), MAX_HEADLINE);
        List<Block> blocks = content.blocks();
        if (blocks.size() > MAX_BLOCKS) {
            throw new InvalidContentException("blocks", "at most " + MAX_BLOCKS + " blocks, not " + blocks.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            check("blocks[" + i + "]", blocks.get(i));
        }
    }

    /** A byline is optional; given, it is a short line of text. */
    static void checkByline(String byline) {
        if (byline != null) {
            required("byline", byline, MAX_HEADLINE);
        }
    }

    static void check(Change change) {
        if (change == null || change.kind() == null) {
            throw new InvalidContentException("change.kind", "is required: one of CORRECTION, CLARIFICATION, UPDATE, TYPO");
        }
        if (change.kind() == ChangeKind.CORRECTION || change.kind() == ChangeKind.CLARIFICATION) {
            required("change.note", change.note(), MAX_SHORT_TEXT);
        } else {
            optional("change.note", change.note(), MAX_SHORT_TEXT);
        }
    }

    static void checkRejection(String note) {
        required("note", note, MAX_SHORT_TEXT);
    }

    static void checkRetraction(String reason, String publicNote) {
        required("reason", reason, MAX_SHORT_TEXT);
        required("publicNote", publicNote, MAX_SHORT_TEXT);
    }

    static void checkErasure(String reason, String legalReference, String publicNote) {
        required("reason", reason, MAX_SHORT_TEXT);
        required("legalReference", legalReference, MAX_SHORT_TEXT);
        required("publicNote", publicNote, MAX_SHORT_TEXT);
    }

    private static void check(String path, Block block) {
        if (block instanceof Block.Paragraph paragraph) {
            required(path + ".text", paragraph.text(), MAX_BLOCK_TEXT);
        } else if (block instanceof Block.Image image) {
            url(path + ".url", image.url());
            optional(path + ".caption", image.caption(), MAX_SHORT_TEXT);
            optional(path + ".credit", image.credit(), MAX_SHORT_TEXT);
            optional(path + ".alt", image.alt(), MAX_SHORT_TEXT);
        } else if (block instanceof Block.Quote quote) {
            required(path + ".text", quote.text(), MAX_BLOCK_TEXT);
            optional(path + ".attribution", quote.attribution(), MAX_SHORT_TEXT);
        } else if (block instanceof Block.Embed embed) {
            url(path + ".url", embed.url());
        } else {
            throw new InvalidContentException(path, "is required");
        }
    }

    private static void required(String field, String text, int max) {
        // no-break and other Unicode spaces are as empty as ASCII ones
        if (text == null || text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw new InvalidContentException(field, "is required");
        }
        optional(field, text, max);
    }

    private static void optional(String field, String text, int max) {
        if (text == null) {
            return;
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw new InvalidContentException(field, "at most " + max + " characters");
        }
        if (text.codePoints().anyMatch(ContentPolicy::isNotText)) {
            throw new InvalidContentException(field, "contains characters that are not text");
        }
    }

    /**
     * Line breaks and tabs are text. Other control characters, noncharacters and unpaired surrogates are not, and
     * the bidirectional overrides make text display in another order than it is stored (spoofing).
     */
    private static boolean isNotText(int c) {
        return Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t' && c != '\r'
                || Character.getType(c) == Character.SURROGATE
                || (c & 0xFFFE) == 0xFFFE || c >= 0xFDD0 && c <= 0xFDEF
                || c == '\u202D' || c == '\u202E';
    }

    private static void url(String field, String value) {
        required(field, value, 2_000);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new InvalidContentException(field, "must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidContentException(field, "is not a URL");
        }
    }
}
