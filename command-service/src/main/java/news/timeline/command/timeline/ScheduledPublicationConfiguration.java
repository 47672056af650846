package news.timeline.command.timeline;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scheduled publications are deadlines of Axon's {@code DbSchedulerDeadlineManager} (a task table in the event
 * store's database: they outlive a restart, and one instance runs each). The events a due one causes carry, like a
 * command's, the actor and trace of the request that scheduled it: the deadline holds them, and the same
 * correlation data providers copy them onto the events.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledPublicationConfiguration {

    @Bean
    SmartInitializingSingleton deadlineCorrelation(DeadlineManager deadlines,
                                                   org.axonframework.config.Configuration axon) {
        return () -> deadlines.registerHandlerInterceptor(
                new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
    }
}
