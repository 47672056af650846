package news.timeline.tools;

import news.timeline.events.EventChain;
import news.timeline.events.Topics;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code verify-chain --bootstrap-servers host:9092 [--topic timeline-events] [--timeline id ...]}: prints each
 * timeline's verdict, one line each, and exits 0 when every chain is intact, 1 when one is broken, 2 on a usage
 * error.
 */
public final class VerifyChain {

    private VerifyChain() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String bootstrapServers = null;
        String topic = Topics.TIMELINE_EVENTS;
        Set<String> timelines = new LinkedHashSet<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap-servers" -> bootstrapServers = args[i + 1];
                case "--topic" -> topic = args[i + 1];
                case "--timeline" -> timelines.add(args[i + 1]);
                default -> bootstrapServers = null;
            }
        }
        if (bootstrapServers == null || args.length % 2 != 0) {
            err.println("usage: verify-chain --bootstrap-servers host:port [--topic " + Topics.TIMELINE_EVENTS
                    + "] [--timeline id]...");
            return TimelineTools.USAGE;
        }
        Map<String, EventChain.Verifier> chains;
        try {
            chains = TopicChains.verify(bootstrapServers, topic, timelines);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return TimelineTools.USAGE;
        }
        chains.forEach((timeline, chain) -> out.println(chain.broken()
                .map(at -> timeline + ": BROKEN at sequence " + at.sequence() + ": " + at.reason())
                .orElse(timeline + ": intact, " + chain.verifiedEvents() + " events, head " + chain.head())));
        Set<String> absent = new LinkedHashSet<>(timelines);
        absent.removeAll(chains.keySet());
        for (String timeline : absent) {
            out.println(timeline + ": no events on " + topic);
        }
        return absent.isEmpty() && chains.values().stream().allMatch(chain -> chain.broken().isEmpty())
                ? TimelineTools.SUCCESS : TimelineTools.FAILURE;
    }
}
