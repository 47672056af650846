package news.timeline.query;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.boot.web.embedded.undertow.UndertowServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query service runs on Undertow, named here because in the embedded stack the command service's Tomcat is on
 * the same classpath, and Spring Boot would otherwise pick Tomcat for both. Declaring the factory turns off Spring
 * Boot's own, which is what would have applied the deployment customizers: they are applied here instead.
 */
@Configuration(proxyBeanMethods = false)
class ReaderWebServer {

    @Bean
    UndertowServletWebServerFactory undertow(ObjectProvider<UndertowDeploymentInfoCustomizer> deploymentCustomizers) {
        UndertowServletWebServerFactory factory = new UndertowServletWebServerFactory();
        factory.getDeploymentInfoCustomizers().addAll(deploymentCustomizers.orderedStream().toList());
        return factory;
    }
}
