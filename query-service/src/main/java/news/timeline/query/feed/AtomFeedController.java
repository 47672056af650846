package news.timeline.query.feed;

import news.timeline.query.consuming.AppliedSequences;
import news.timeline.query.timeline.ArticleRenderer;
import news.timeline.query.timeline.HttpCaching;
import news.timeline.query.timeline.TimelinePage;
import news.timeline.query.timeline.TimelineReader;
import news.timeline.query.timeline.UpdateView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * An Atom feed per timeline (RFC 4287): the latest updates, an edited entry with a later {@code updated}, and a
 * retracted one as an RFC 6721 tombstone ({@code at:deleted-entry}) that tells feed readers to drop it.
 */
@RestController
class AtomFeedController {

    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final String TOMBSTONE_NS = "http://purl.org/atompub/tombstones/1.0";
    private static final int ENTRIES = 50;

    private final TimelineReader reader;
    private final AppliedSequences sequences;
    private final ArticleRenderer articles;
    private final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    AtomFeedController(TimelineReader reader, AppliedSequences sequences, ArticleRenderer articles) {
        this.reader = reader;
        this.sequences = sequences;
        this.articles = articles;
    }

    @GetMapping("/timelines/{timelineId}/feed.atom")
    ResponseEntity<String> feed(@PathVariable String timelineId, WebRequest request) throws XMLStreamException {
        long current = sequences.current(timelineId);
        if (current < 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId);
        }
        if (HttpCaching.notModified(request, HttpCaching.etag("atom", current))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(HttpCaching.etag("atom", current))
                    .cacheControl(HttpCaching.PUBLIC).build();
        }
        TimelinePage page = reader.page(timelineId, null, ENTRIES).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId));
        String pageUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/timelines/{tid}").buildAndExpand(timelineId).toUriString();
        return ResponseEntity.ok().contentType(ATOM).cacheControl(HttpCaching.PUBLIC)
                .eTag(HttpCaching.etag("atom", page.lastSequence()))
                .body(write(page, pageUrl));
    }

    private String write(TimelinePage page, String pageUrl) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter w = xml.createXMLStreamWriter(out);
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("feed");
        w.writeDefaultNamespace(ATOM_NS);
        w.writeNamespace("at", TOMBSTONE_NS);
        element(w, "id", "urn:news-timeline:timeline:" + page.id());
        element(w, "title", page.title());
        element(w, "subtitle", page.summary());
        element(w, "updated", page.updatedAt());
        link(w, "self", pageUrl + "/feed.atom", "application/atom+xml");
        link(w, "alternate", pageUrl, "text/html");
        w.writeStartElement("author");
        element(w, "name", "The newsroom");
        w.writeEndElement();
        for (UpdateView update : page.updates()) {
            if (update.tombstone()) {
                tombstone(w, page.id(), update);
            } else {
                entry(w, page.id(), pageUrl, update);
            }
        }
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
        return out.toString();
    }

    private void entry(XMLStreamWriter w, String timelineId, String pageUrl, UpdateView update)
            throws XMLStreamException {
        w.writeStartElement("entry");
        element(w, "id", entryId(timelineId, update));
        element(w, "title", update.headline());
        element(w, "published", update.postedAt());
        element(w, "updated", update.modifiedAt() != null ? update.modifiedAt() : update.postedAt());
        if (update.byline() != null) {
            w.writeStartElement("author");
            element(w, "name", update.byline());
            w.writeEndElement();
        }
        link(w, "alternate", pageUrl + "#update-" + update.id(), "text/html");
        w.writeStartElement("content");
        w.writeAttribute("type", "html");
        w.writeCharacters(articles.render(timelineId, update));
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void tombstone(XMLStreamWriter w, String timelineId, UpdateView update) throws XMLStreamException {
        w.writeStartElement("at", "deleted-entry", TOMBSTONE_NS);
        w.writeAttribute("ref", entryId(timelineId, update));
        w.writeAttribute("when", update.retraction().at().toString());
        w.writeStartElement("at", "comment", TOMBSTONE_NS);
        w.writeCharacters(update.retraction().publicNote());
        w.writeEndElement();
        w.writeEndElement();
    }

    private static String entryId(String timelineId, UpdateView update) {
        return "urn:news-timeline:update:" + timelineId + ":" + update.id();
    }

    private static void element(XMLStreamWriter w, String name, Object text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text instanceof Instant instant ? instant.toString() : String.valueOf(text));
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", href);
        w.writeAttribute("type", type);
    }
}
