package news.timeline.command.timeline;

import news.timeline.events.Block;
import news.timeline.events.Content;

import java.util.List;

/**
 * A new update, or a draft filed or edited: its content, and whom readers see it credited to (when left out, the
 * signed-in editor, or the draft's author).
 */
record PostRequest(String headline, List<Block> blocks, boolean keyEvent, String byline) {

    Content content() {
        return new Content(headline, blocks, keyEvent);
    }
}
