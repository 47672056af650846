package news.timeline.command.imports;

import news.timeline.events.Block;
import org.jsoup.Jsoup;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Atom feed (RFC 4287) read into the updates it holds, oldest first: each entry's id, title, first publication
 * ({@code published}, else {@code updated}), author (the entry's, else the feed's) and content as blocks. HTML and
 * XHTML content become paragraphs, images with their captions, quotes with their attribution and embeds; plain text
 * becomes a paragraph per blank-line-separated part. The XML may carry no document type (no entities, no external
 * anything).
 */
final class AtomFeed {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    /** One entry of the feed, as an update to bring in. */
    record Entry(String id, String title, Instant published, String author, List<Block> blocks) {
    }

    private AtomFeed() {
    }

    /** The feed's entries, oldest first; {@link InvalidFeedException} names what is not an Atom feed. */
    static List<Entry> read(byte[] xml) {
        org.w3c.dom.Element feed = parse(xml).getDocumentElement();
        if (!ATOM.equals(feed.getNamespaceURI()) || !"feed".equals(feed.getLocalName())) {
            throw new InvalidFeedException("not an Atom feed: the root element is not {" + ATOM + "}feed");
        }
        String feedAuthor = authorOf(feed);
        // a feed may hold several revisions of one entry (one atom:id): the latest updated one is the entry
        Map<String, org.w3c.dom.Element> latest = new LinkedHashMap<>();
        for (org.w3c.dom.Element entry : children(feed, "entry")) {
            String id = text(entry, "id");
            if (id == null || id.isBlank()) {
                throw new InvalidFeedException("an entry without an id (atom:id is required)");
            }
            latest.merge(id.strip(), entry, (kept, other) -> updated(other).isAfter(updated(kept)) ? other : kept);
        }
        List<Entry> entries = new ArrayList<>();
        for (org.w3c.dom.Element entry : latest.values()) {
            String id = text(entry, "id");
            String published = text(entry, "published");
            String author = authorOf(entry);
            entries.add(new Entry(id.strip(), title(entry), instant(id, published != null ? published
                    : text(entry, "updated")), author != null ? author : feedAuthor, blocks(entry)));
        }
        entries.sort(Comparator.comparing(Entry::published).thenComparing(Entry::id));
        return entries;
    }

    private static Instant updated(org.w3c.dom.Element entry) {
        String updated = text(entry, "updated");
        return updated == null ? Instant.MIN : instant(text(entry, "id"), updated);
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new InvalidFeedException("not well-formed XML, or it has a document type: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(org.w3c.dom.Element entry) {
        org.w3c.dom.Element title = child(entry, "title");
        if (title == null) {
            return null;
        }
        return "text".equals(typeOf(title)) ? title.getTextContent().strip() : Jsoup.parse(html(title)).text();
    }

    private static List<Block> blocks(org.w3c.dom.Element entry) {
        org.w3c.dom.Element content = child(entry, "content");
        if (content == null) {
            content = child(entry, "summary");
        }
        if (content == null) {
            return List.of();
        }
        if ("text".equals(typeOf(content))) {
            List<Block> paragraphs = new ArrayList<>();
            for (String part : content.getTextContent().strip().split("\\R\\s*\\R")) {
                if (!part.isBlank()) {
                    paragraphs.add(new Block.Paragraph(part.strip().replaceAll("\\s+", " ")));
                }
            }
            return paragraphs;
        }
        List<Block> blocks = new ArrayList<>();
        HtmlBlocks.addAll(Jsoup.parseBodyFragment(html(content)).body(), blocks);
        return blocks;
    }

    /** The HTML an element holds: escaped text for {@code type="html"}, its child markup for XHTML. */
    private static String html(org.w3c.dom.Element element) {
        if (!"xhtml".equals(typeOf(element))) {
            return element.getTextContent();
        }
        StringWriter markup = new StringWriter();
        try {
            var serializer = TransformerFactory.newInstance().newTransformer();
            serializer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                serializer.transform(new DOMSource(child), new StreamResult(markup));
            }
        } catch (TransformerException e) {
            throw new InvalidFeedException("unreadable XHTML content: " + e.getMessage());
        }
        return markup.toString();
    }

    private static String typeOf(org.w3c.dom.Element element) {
        String type = element.getAttribute("type");
        return type.isEmpty() ? "text" : type;
    }

    private static String authorOf(org.w3c.dom.Element element) {
        org.w3c.dom.Element author = child(element, "author");
        String name = author == null ? null : text(author, "name");
        return name == null || name.isBlank() ? null : name.strip();
    }

    private static Instant instant(String id, String time) {
        if (time == null) {
            throw new InvalidFeedException("entry " + id + " has neither published nor updated");
        }
        try {
            return OffsetDateTime.parse(time.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFeedException("entry " + id + ": not an RFC 3339 time: " + time.strip());
        }
    }

    private static String text(org.w3c.dom.Element parent, String name) {
        org.w3c.dom.Element child = child(parent, name);
        return child == null ? null : child.getTextContent();
    }

    private static org.w3c.dom.Element child(org.w3c.dom.Element parent, String name) {
        List<org.w3c.dom.Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<org.w3c.dom.Element> children(org.w3c.dom.Element parent, String name) {
        List<org.w3c.dom.Element> found = new ArrayList<>();
        for (org.w3c.dom.Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof org.w3c.dom.Element element && ATOM.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
