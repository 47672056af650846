package news.timeline.query.rebuild;

/** The live projection tables now hold a rebuild's rows: anything kept from them in memory is out of date. */
public record ProjectionsReplaced(ProjectionChecksum checksum) {
}
