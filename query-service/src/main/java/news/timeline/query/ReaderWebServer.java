package news.timeline.query;

import org.springframework.boot.web.embedded.undertow.UndertowServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query service runs on Undertow, named here because in the embedded stack the command service's Tomcat is on
 * the same classpath, and Spring Boot would otherwise pick Tomcat for both.
 */
@Configuration(proxyBeanMethods = false)
class ReaderWebServer {

    @Bean
    UndertowServletWebServerFactory undertow() {
        return new UndertowServletWebServerFactory();
    }
}
