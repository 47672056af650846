package news.timeline.query.store;

import java.util.List;

/**
 * What keeps tables of the projection store: each projection, and the consumer's own record of where it stands.
 * A rebuild builds, checksums and swaps in exactly the tables declared here.
 */
public interface DeclaredTables {

    List<Table> tables();
}
