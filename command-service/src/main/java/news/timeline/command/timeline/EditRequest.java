package news.timeline.command.timeline;

import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.Content;

import java.util.List;

/** The whole new content of an update, and why it changed. */
record EditRequest(String headline, List<Block> blocks, boolean keyEvent, Change change) {

    Content content() {
        return new Content(headline, blocks, keyEvent);
    }
}
