package news.timeline.command.timeline;

/** An update's revision as an HTTP entity tag: {@code "3"}. */
final class Revisions {

    private Revisions() {
    }

    static String etag(int revision) {
        return "\"" + revision + "\"";
    }

    /** The revision an edit or retraction is based on; without one, a change could overwrite unseen work. */
    static int fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new MissingRevisionException();
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            int revision = Integer.parseInt(tag);
            if (revision < 1) {
                throw new MalformedRevisionException(ifMatch);
            }
            return revision;
        } catch (NumberFormatException e) {
            throw new MalformedRevisionException(ifMatch);
        }
    }

    /** {@code If-Match} is required on edits and retractions. */
    static class MissingRevisionException extends RuntimeException {
        MissingRevisionException() {
            super("If-Match with the revision the change is based on is required, e.g. If-Match: \"1\"");
        }
    }

    /** {@code If-Match} does not name a revision. */
    static class MalformedRevisionException extends RuntimeException {
        MalformedRevisionException(String value) {
            super("If-Match must name one revision, e.g. \"1\", not " + value);
        }
    }
}
