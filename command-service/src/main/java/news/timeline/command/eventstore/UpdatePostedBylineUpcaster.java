package news.timeline.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import news.timeline.command.EventMetadata;
import news.timeline.events.UpdatePosted;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Version 1 of {@link UpdatePosted} (stored without a revision, or as "1") had no byline: an update was credited to
 * the editor who posted it. Read as version 2, its byline is that editor, the event's actor.
 */
class UpdatePostedBylineUpcaster extends SingleEventUpcaster {

    private static final String TYPE = UpdatePosted.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        String revision = event.getType().getRevision();
        return event.getType().getName().equals(TYPE) && (revision == null || revision.equals("1"));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        Object actor = event.getMetaData().getObject().get(EventMetadata.ACTOR);
        return event.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            return actor == null ? upcast : upcast.put("byline", actor.toString());
        });
    }
}
