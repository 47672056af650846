package news.timeline.command.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.command.EventMetadata;
import news.timeline.command.timeline.RecordedHash;
import news.timeline.command.timeline.DraftRegister;
import news.timeline.command.timeline.ErasureRegister;
import news.timeline.command.timeline.UpdateRegister;
import news.timeline.events.EventJson;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Axon's JDBC event store on the tables that Flyway creates (snake_case names, bytea on PostgreSQL), snapshots,
 * an aggregate cache, and the metadata that travels from each command to its events.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    static {
        // The store keeps an event's time to the millisecond, and the aggregate hashes each event (its time
        // included) before it is stored: stamp events to the millisecond from the start, so both see the same time.
        GenericEventMessage.clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * A duplicate (timeline, sequence) is recognised by its SQL state on every database and driver (H2 reports
     * batched inserts as a BatchUpdateException), so Axon turns it into a conflict rather than a store failure.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** Events and snapshots are stored as JSON, the same Jackson setup as the wire format, tolerant of new fields. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return EventJson.mapper().copy();
    }

    /** Spring MVC keeps its own mapper (strict about unknown request fields), not Axon's. */
    @Bean
    @Primary
    ObjectMapper jacksonObjectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.build();
    }

    /** Events are stored with their schema version; old versions are upcast when read. */
    @Bean
    RevisionResolver revisionResolver() {
        return new EventRevisions();
    }

    @Bean
    EventUpcaster updatePostedBylineUpcaster() {
        return new UpdatePostedBylineUpcaster();
    }

    /** The same tables, read without upcasting: the Kafka relay's source (axon.eventhandling.processors.*.source). */
    @Bean(destroyMethod = "shutDown")
    RecordedEvents recordedEvents(@Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer,
                                  ConnectionProvider connections, TransactionManager transactions, EventSchema schema,
                                  PersistenceExceptionResolver persistenceExceptionResolver) {
        return new RecordedEvents(JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .readEventDataWithGaps(new BoundedGapsQuery())
                .build());
    }

    /**
     * Every timeline event is stored with its hash, and the relay hears of it at once (registered before any
     * command can arrive).
     */
    @Bean
    SmartInitializingSingleton recordedHashes(EventStore eventStore, RecordedEvents recordedEvents) {
        return () -> {
            eventStore.registerDispatchInterceptor(new RecordedHash());
            eventStore.registerDispatchInterceptor(recordedEvents);
        };
    }

    @Bean
    UpdateRegister updateRegister(JdbcTemplate jdbc) {
        return new UpdateRegister(jdbc);
    }

    @Bean
    DraftRegister draftRegister(JdbcTemplate jdbc) {
        return new DraftRegister(jdbc);
    }

    @Bean
    ErasureRegister erasureRegister(JdbcTemplate jdbc) {
        return new ErasureRegister(jdbc);
    }

    /**
     * Axon's own snapshotter, but taking snapshots on a thread of its own after the command's commit. By default it
     * runs in the committing thread, still holding the timeline's lock: every {@code snapshot-every}th command
     * waited, and every command queued behind it, while the whole timeline was read, rebuilt and serialized; and
     * as the queued commands each hold a connection (their transactions begin before they wait for the lock), a
     * snapshot that needed one when the pool was empty waited for the pool's timeout, failing those commands too
     * ({@code SnapshotUnderLoadTest}).
     */
    @Bean
    SpringAggregateSnapshotter timelineSnapshotter(org.axonframework.config.Configuration axon,
                                                   HandlerDefinition handlerDefinition,
                                                   ParameterResolverFactory parameterResolverFactory,
                                                   EventStore eventStore, TransactionManager transactionManager,
                                                   SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotThread())
                .build();
    }

    /**
     * One thread: snapshots are few and each reads a whole timeline. A daemon: a snapshot under way when the
     * service stops is abandoned, and only means the next load reads a few more events.
     */
    private static Executor snapshotThread() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("timeline-snapshots-");
        threads.setDaemon(true);
        return Executors.newSingleThreadExecutor(threads);
    }

    /**
     * After {@code snapshot-every} events: a timeline's snapshot is under 200 bytes however long its
     * story (updates are in the {@link UpdateRegister}), so loading one reads at most that many events after it.
     */
    @Bean
    SnapshotTriggerDefinition timelineSnapshotTrigger(Snapshotter snapshotter,
                                                      @Value("${timeline.snapshot-every:250}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /**
     * The timelines' aggregates, kept between commands: the latest {@code cached-timelines} used, held strongly.
     * Axon's usual {@code WeakReferenceCache} lost a timeline at every young collection, and the next command
     * loaded it again from its snapshot and up to {@code snapshot-every} events: on a long story (thousands of
     * updates) most of a command's CPU, for most commands, on a busy night.
     */
    @Bean(destroyMethod = "close")
    CacheManager timelineCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    @Bean
    Cache timelineCache(CacheManager timelineCacheManager, @Value("${timeline.cached-timelines:1000}") int size) {
        return new EhCache3Adapter((Ehcache) timelineCacheManager.createCache("timelines",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(size))));
    }

    /** Who issued a command, and the trace of the request that sent it, travel onto each event it causes. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.TRACEPARENT);
    }

    /** Declared because Axon's default one steps aside once any provider is declared. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
