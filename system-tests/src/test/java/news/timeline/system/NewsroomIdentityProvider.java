package news.timeline.system;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newsroom's OpenID Connect provider for the sign-in tests: a real one (Spring Authorization Server) on
 * 127.0.0.1 and a port of its own, with its own staff ({@code jane.doe} an editor, {@code ann.auditor} an auditor,
 * password {@value #PASSWORD}) and a sign-in page; its tokens carry the staff's {@code roles} and
 * {@code preferred_username}, as a Keycloak realm's mappers would. Clients are registered once their addresses are
 * known ({@link #register}).
 */
final class NewsroomIdentityProvider implements AutoCloseable {

    static final String PASSWORD = "provider-password";

    private final ConfigurableApplicationContext context;

    private NewsroomIdentityProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static NewsroomIdentityProvider start() {
        return new NewsroomIdentityProvider(new SpringApplicationBuilder(Provider.class)
                // its own host for the browser (cookies do not tell ports apart) and its own session cookie
                .properties("server.address=127.0.0.1", "server.port=0",
                        "server.servlet.session.cookie.name=PROVIDER_SESSION", "spring.main.banner-mode=off",
                        "spring.config.name=newsroom-identity-provider")
                .run());
    }

    String issuer() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The desk: a public client (no secret) that must use PKCE, coming back to the desk's page. */
    void registerDesk(String clientId, String commandUrl) {
        register(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(commandUrl + "/desk/")
                .postLogoutRedirectUri(commandUrl + "/desk/")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).build())
                .build());
    }

    /** The auditors' pages: a confidential client that must use PKCE as well. */
    void registerPages(String clientId, String secret, String queryUrl) {
        register(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(queryUrl + "/login/oauth2/code/newsroom")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).build())
                .build());
    }

    private void register(RegisteredClient client) {
        context.getBean(Clients.class).save(client);
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class})
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            return http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    // the desk reads the discovery document and buys its tokens from another origin
                    .cors(Customizer.withDefaults())
                    .exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signInPage(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        CorsConfigurationSource corsConfigurationSource() {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOriginPatterns(List.of("http://localhost:[*]"));
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of("*"));
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", cors);
            return source;
        }

        @Bean
        UserDetailsService staff() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("jane.doe").password("{noop}" + PASSWORD).roles("EDITOR").build(),
                    User.withUsername("ann.auditor").password("{noop}" + PASSWORD).roles("AUDITOR").build());
        }

        /** The staff member's name and roles in both the access token and the ID token. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> staffClaims() {
            return context -> context.getClaims()
                    .claim("preferred_username", context.getPrincipal().getName())
                    .claim("roles", context.getPrincipal().getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .filter(authority -> authority.startsWith("ROLE_"))
                            .map(role -> role.substring("ROLE_".length()).toLowerCase(Locale.ROOT))
                            .toList());
        }

        @Bean
        JWKSource<SecurityContext> signingKeys() throws Exception {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKeys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        @Bean
        Clients clients() {
            return new Clients();
        }
    }

    /** Registered clients, added while the provider runs. */
    static final class Clients implements RegisteredClientRepository {

        private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();

        @Override
        public void save(RegisteredClient client) {
            byId.put(client.getId(), client);
        }

        @Override
        public RegisteredClient findById(String id) {
            return byId.get(id);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            return byId.values().stream().filter(client -> client.getClientId().equals(clientId)).findFirst()
                    .orElse(null);
        }
    }
}
