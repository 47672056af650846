package news.timeline.query.audit;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A word-level difference between two texts, as runs of kept, deleted and inserted words. */
final class WordDiff {

    /** One run: {@code op} is EQUAL, DELETE or INSERT. */
    record Segment(String op, String text) {
    }

    private WordDiff() {
    }

    static List<Segment> between(String before, String after) {
        List<String> old = words(before);
        List<String> neu = words(after);
        Patch<String> patch = DiffUtils.diff(old, neu);
        List<Segment> segments = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int at = delta.getSource().getPosition();
            add(segments, "EQUAL", old.subList(position, at));
            add(segments, "DELETE", delta.getSource().getLines());
            add(segments, "INSERT", delta.getTarget().getLines());
            position = at + delta.getSource().size();
        }
        add(segments, "EQUAL", old.subList(position, old.size()));
        return segments;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    private static void add(List<Segment> segments, String op, List<String> words) {
        if (!words.isEmpty()) {
            segments.add(new Segment(op, String.join(" ", words)));
        }
    }
}
