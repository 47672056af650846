package db.query;

import java.util.List;

/** The parked and skipped records' timeline ids compare as bytes on PostgreSQL, as every other id column does. */
public class V9__ParkedRecordIdentifiersCompareAsBytes extends V6__IdentifiersCompareAsBytes {

    public V9__ParkedRecordIdentifiersCompareAsBytes() {
        super(List.of("parked_record.timeline_id", "skipped_record.timeline_id"));
    }
}
