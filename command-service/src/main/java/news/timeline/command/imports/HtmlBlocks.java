package news.timeline.command.imports;

import news.timeline.events.Block;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.List;

/**
 * HTML's block elements as the timeline's blocks: paragraphs (headings and list items too), images with their
 * captions, quotes with their attribution, embeds; inline markup becomes its text, scripts and styles nothing.
 */
final class HtmlBlocks {

    private HtmlBlocks() {
    }

    static void addAll(Element parent, List<Block> blocks) {
        StringBuilder loose = new StringBuilder();
        for (Node node : parent.childNodes()) {
            if (node instanceof TextNode text) {
                loose.append(text.text());
            } else if (node instanceof Element element && isInline(element)) {
                loose.append(element.text());
            } else if (node instanceof Element element) {
                paragraph(loose, blocks);
                add(element, blocks);
            }
        }
        paragraph(loose, blocks);
    }

    private static void add(Element element, List<Block> blocks) {
        switch (element.normalName()) {
            case "img" -> blocks.add(new Block.Image(element.attr("src"), blankToNull(element.attr("title")),
                    null, blankToNull(element.attr("alt"))));
            case "figure" -> figure(element, blocks);
            case "blockquote" -> blocks.add(quote(element, null));
            case "iframe", "video", "audio" -> blocks.add(new Block.Embed(element.attr("src")));
            case "ul", "ol" -> element.children().forEach(item -> paragraph(item.text(), blocks));
            case "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre" -> {
                if (element.select("img, iframe").isEmpty()) {
                    paragraph(element.text(), blocks);
                } else {
                    addAll(element, blocks);
                }
            }
            case "br", "hr", "script", "style" -> {
                // nothing a reader would see as content
            }
            default -> addAll(element, blocks);
        }
    }

    private static void figure(Element figure, List<Block> blocks) {
        Element caption = figure.selectFirst("figcaption");
        String captionText = caption == null ? null : blankToNull(caption.text());
        Element image = figure.selectFirst("img");
        Element quote = figure.selectFirst("blockquote");
        if (image != null) {
            blocks.add(new Block.Image(image.attr("src"), captionText, null, blankToNull(image.attr("alt"))));
        } else if (quote != null) {
            blocks.add(quote(quote, captionText));
        } else {
            addAll(figure, blocks);
        }
    }

    /** A quote, attributed to what its figure's caption, its footer or its cite says. */
    private static Block.Quote quote(Element blockquote, String attribution) {
        Element source = blockquote.selectFirst("footer, cite");
        String by = attribution != null ? attribution : source == null ? null : blankToNull(source.text());
        if (source != null) {
            source.remove();
        }
        return new Block.Quote(blockquote.text(), by == null ? null : by.replaceFirst("^[-–—]\\s*", ""));
    }

    private static boolean isInline(Element element) {
        return !element.isBlock() && !element.normalName().equals("img")
                && !element.normalName().equals("iframe") && !element.normalName().equals("br");
    }

    private static void paragraph(StringBuilder loose, List<Block> blocks) {
        paragraph(loose.toString(), blocks);
        loose.setLength(0);
    }

    private static void paragraph(String text, List<Block> blocks) {
        String normalized = text.strip().replaceAll("\\s+", " ");
        if (!normalized.isEmpty()) {
            blocks.add(new Block.Paragraph(normalized));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
