package news.timeline.command.imports;

import news.timeline.events.Block;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a live blog's Atom feed into updates: times, authors, and HTML, XHTML and text content as blocks. */
class AtomFeedTest {

    static final String FEED = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Clacton by-election: live</title>
              <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
              <updated>2014-10-10T09:00:00Z</updated>
              <author><name>Politics desk</name></author>
              <entry>
                <title type="html">Carswell &lt;em&gt;wins&lt;/em&gt; Clacton</title>
                <id>tag:example.org,2014:clacton/result</id>
                <published>2014-10-10T04:15:00+01:00</published>
                <updated>2014-10-10T05:00:00+01:00</updated>
                <author><name>Emily Morgan</name></author>
                <content type="html">&lt;p&gt;Douglas Carswell won with a &lt;b&gt;majority&lt;/b&gt; of 12,404.&lt;/p&gt;
                  &lt;figure&gt;&lt;img src="https://img.example.org/count.jpg" alt="The count"&gt;
                  &lt;figcaption&gt;The count at Clacton Leisure Centre&lt;/figcaption&gt;&lt;/figure&gt;
                  &lt;blockquote&gt;&lt;p&gt;This is a victory for the people.&lt;/p&gt;&lt;footer&gt;— Douglas Carswell&lt;/footer&gt;&lt;/blockquote&gt;
                  &lt;iframe src="https://video.example.org/embed/9"&gt;&lt;/iframe&gt;
                  &lt;script&gt;alert(1)&lt;/script&gt;</content>
              </entry>
              <entry>
                <title>Polls close</title>
                <id>tag:example.org,2014:clacton/polls-close</id>
                <updated>2014-10-09T21:00:00Z</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Polls have closed.</p>
                  <p>Counting begins <a href="https://example.org">shortly</a>.</p></div></content>
              </entry>
              <entry>
                <title>Turnout</title>
                <id>tag:example.org,2014:clacton/turnout</id>
                <published>2014-10-10T01:30:00Z</published>
                <content>Turnout was 51%.

            Higher than expected.</content>
              </entry>
            </feed>
            """;

    @Test
    void entriesComeOldestFirstWithTheirTimesAndAuthors() {
        List<AtomFeed.Entry> entries = AtomFeed.read(FEED.getBytes(StandardCharsets.UTF_8));

        assertThat(entries).extracting(AtomFeed.Entry::id).containsExactly("tag:example.org,2014:clacton/polls-close",
                "tag:example.org,2014:clacton/turnout", "tag:example.org,2014:clacton/result");
        assertThat(entries).extracting(AtomFeed.Entry::published).containsExactly(
                Instant.parse("2014-10-09T21:00:00Z"), Instant.parse("2014-10-10T01:30:00Z"),
                Instant.parse("2014-10-10T03:15:00Z"));
        assertThat(entries).extracting(AtomFeed.Entry::author)
                .containsExactly("Politics desk", "Politics desk", "Emily Morgan");
        assertThat(entries.get(2).title()).isEqualTo("Carswell wins Clacton");
    }

    @Test
    void htmlBecomesParagraphsImagesQuotesAndEmbedsAndNothingElse() {
        AtomFeed.Entry result = AtomFeed.read(FEED.getBytes(StandardCharsets.UTF_8)).get(2);

        assertThat(result.blocks()).containsExactly(
                new Block.Paragraph("Douglas Carswell won with a majority of 12,404."),
                new Block.Image("https://img.example.org/count.jpg", "The count at Clacton Leisure Centre", null,
                        "The count"),
                new Block.Quote("This is a victory for the people.", "Douglas Carswell"),
                new Block.Embed("https://video.example.org/embed/9"));
    }

    @Test
    void xhtmlAndTextContentBecomeParagraphs() {
        List<AtomFeed.Entry> entries = AtomFeed.read(FEED.getBytes(StandardCharsets.UTF_8));

        assertThat(entries.get(0).blocks()).containsExactly(new Block.Paragraph("Polls have closed."),
                new Block.Paragraph("Counting begins shortly."));
        assertThat(entries.get(1).blocks()).containsExactly(new Block.Paragraph("Turnout was 51%."),
                new Block.Paragraph("Higher than expected."));
    }

    @Test
    void ofSeveralRevisionsOfOneEntryTheLatestUpdatedIsTheEntry() {
        String revised = FEED.replace("</feed>", """
                  <entry>
                    <title>Turnout (corrected)</title>
                    <id>tag:example.org,2014:clacton/turnout</id>
                    <published>2014-10-10T01:30:00Z</published>
                    <updated>2014-10-10T02:00:00Z</updated>
                    <content>Turnout was 51.1%.</content>
                  </entry>
                </feed>""");

        List<AtomFeed.Entry> entries = AtomFeed.read(revised.getBytes(StandardCharsets.UTF_8));

        assertThat(entries).hasSize(3);
        assertThat(entries.get(1).title()).isEqualTo("Turnout (corrected)");
        assertThat(entries.get(1).blocks()).containsExactly(new Block.Paragraph("Turnout was 51.1%."));
    }

    @Test
    void whatIsNotAnAtomFeedIsRefusedSayingWhy() {
        assertThatThrownBy(() -> AtomFeed.read("<rss version=\"2.0\"/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidFeedException.class).hasMessageContaining("not an Atom feed");
        assertThatThrownBy(() -> AtomFeed.read("<feed".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidFeedException.class).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> AtomFeed.read(FEED.replace("<id>tag:example.org,2014:clacton/turnout</id>", "")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidFeedException.class)
                .hasMessageContaining("without an id");
    }

    @Test
    void aDocumentTypeIsRefusedSoNoEntityReachesOutside() {
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><title>&secret;</title>
                <updated>2014-10-10T00:00:00Z</updated></entry></feed>""";

        assertThatThrownBy(() -> AtomFeed.read(external.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidFeedException.class).hasMessageContaining("document type");
    }
}
