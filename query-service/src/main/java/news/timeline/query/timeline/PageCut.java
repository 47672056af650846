package news.timeline.query.timeline;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A page of newest-first items, cut from a list read one longer than the page: the extra item only tells that
 * another page follows, whose {@code before} is {@code next} (the sequence of this page's last item; null: none).
 */
public record PageCut<T>(List<T> items, Long next) {

    public static <T> PageCut<T> of(List<T> newestFirst, int limit, ToLongFunction<T> sequence) {
        boolean more = newestFirst.size() > limit;
        List<T> items = more ? newestFirst.subList(0, limit) : newestFirst;
        return new PageCut<>(items, more ? sequence.applyAsLong(items.get(limit - 1)) : null);
    }
}
