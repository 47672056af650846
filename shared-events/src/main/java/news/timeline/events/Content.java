package news.timeline.events;

import java.util.List;

/** What readers see of an update: an edit always carries the whole of it, never a patch. */
public record Content(String headline, List<Block> blocks, boolean keyEvent) {

    public Content {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }
}
