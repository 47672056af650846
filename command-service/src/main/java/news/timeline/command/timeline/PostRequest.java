package news.timeline.command.timeline;

import news.timeline.events.Block;
import news.timeline.events.Content;

import java.util.List;

/** A new update: its content, and whom readers see it credited to (the signed-in editor when left out). */
record PostRequest(String headline, List<Block> blocks, boolean keyEvent, String byline) {

    Content content() {
        return new Content(headline, blocks, keyEvent);
    }
}
