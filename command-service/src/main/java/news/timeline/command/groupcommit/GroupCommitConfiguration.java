package news.timeline.command.groupcommit;

import io.micrometer.core.instrument.MeterRegistry;
import news.timeline.command.timeline.TimelineRuleException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command bus: Axon's own bus handles each command, inside the transaction of its batch (see
 * {@link GroupCommitBus}); configured as Axon's Spring Boot configuration configures its default one.
 */
@Configuration(proxyBeanMethods = false)
class GroupCommitConfiguration {

    @Bean(destroyMethod = "stop")
    GroupCommitBus commandBus(TransactionManager transactions, org.axonframework.config.Configuration axon,
                              DuplicateCommandHandlerResolver duplicateHandlers, MeterRegistry meters,
                              @Value("${timeline.commands.max-batch:256}") int maxBatch) {
        SimpleCommandBus handlers = SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateHandlers)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        handlers.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        // a rule refuses a command before it applies any event (TimelineRuleException), and an unknown timeline is
        // refused before anything is loaded: neither changes what the batch's other commands see. Another
        // instance sharing the event store may store the timeline's next event first: the store's (timeline,
        // sequence) key refuses the second (ConcurrencyException), and its command is handled again
        return new GroupCommitBus(handlers, transactions,
                failure -> failure instanceof TimelineRuleException || failure instanceof AggregateNotFoundException,
                GroupCommitConfiguration::storedFirstElsewhere, maxBatch, meters);
    }

    private static boolean storedFirstElsewhere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
