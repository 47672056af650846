package db.query;

import java.util.List;

/** The erasure receipts' ids compare as bytes on PostgreSQL, as every other id column does. */
public class V13__ErasureReceiptIdentifiersCompareAsBytes extends V6__IdentifiersCompareAsBytes {

    public V13__ErasureReceiptIdentifiersCompareAsBytes() {
        super(List.of("erasure_receipt.timeline_id", "erasure_receipt.erasure_id"));
    }
}
