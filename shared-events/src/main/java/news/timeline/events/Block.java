package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One piece of an update's body, in the kinds a live page carries. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Block.Paragraph.class, name = "paragraph"),
        @JsonSubTypes.Type(value = Block.Image.class, name = "image"),
        @JsonSubTypes.Type(value = Block.Quote.class, name = "quote"),
        @JsonSubTypes.Type(value = Block.Embed.class, name = "embed")
})
public sealed interface Block {

    /** The block's wire name, as in {@code @JsonSubTypes} above: what a renderer switches on. */
    String kind();

    record Paragraph(String text) implements Block {
        @Override
        public String kind() {
            return "paragraph";
        }
    }

    record Image(String url, String caption, String credit, String alt) implements Block {
        @Override
        public String kind() {
            return "image";
        }
    }

    record Quote(String text, String attribution) implements Block {
        @Override
        public String kind() {
            return "quote";
        }
    }

    record Embed(String url) implements Block {
        @Override
        public String kind() {
            return "embed";
        }
    }
}
