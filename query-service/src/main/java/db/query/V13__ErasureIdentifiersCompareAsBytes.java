package db.query;

import java.util.List;

/** The erasures' ids compare as bytes on PostgreSQL, as every other id column does. */
public class V13__ErasureIdentifiersCompareAsBytes extends V6__IdentifiersCompareAsBytes {

    public V13__ErasureIdentifiersCompareAsBytes() {
        super(List.of("erasure.timeline_id", "erasure.erasure_id", "erasure.update_id"));
    }
}
