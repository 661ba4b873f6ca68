package dev.signoff.bench.http;

import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The peer Signoff's users would otherwise pick: Spring Security's OAuth 2.0 resource server (6.5, without Spring
 * Boot), a {@code BearerTokenAuthenticationFilter} over {@code NimbusJwtDecoder} with the HS256 secret of the bench's
 * HS256 context, in the minimal chain such an application runs inside a {@link FilterChainProxy} (which clears the
 * security context after each request). Its checks match what Signoff's verifier checks: algorithm HS256, {@code typ}
 * {@code at+jwt}, issuer, audience, {@code exp}/{@code nbf} with a 30 s skew, {@code sub} and {@code jti} present,
 * {@code iat} not in the future; {@code roles} become authorities. It checks no revocation: a logged-out session's
 * token is still accepted until it expires.
 */
final class SpringSecurityPeer {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private SpringSecurityPeer() {
    }

    /** The filter to map over {@code /*}: the whole chain, built once. */
    static Filter filter(String secret, String issuer, String audience) throws Exception {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .validateType(false)
                .build();
        Clock clock = Clock.systemUTC();
        List<OAuth2TokenValidator<Jwt>> validators = List.of(
                new JwtTypeValidator(List.of("at+jwt")),
                new JwtTimestampValidator(SKEW),
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, s -> s != null && !s.isEmpty()),
                new JwtClaimValidator<String>(JwtClaimNames.JTI, s -> s != null && !s.isEmpty()),
                new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
                        iat -> iat != null && !iat.isAfter(Instant.now(clock).plus(SKEW))));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));

        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        ProviderManager manager = new ProviderManager(provider);

        BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAuthenticationFilter bearer = new BearerTokenAuthenticationFilter(manager);
        bearer.setAuthenticationEntryPoint(entryPoint);
        SecurityContextHolderAwareRequestFilter aware = new SecurityContextHolderAwareRequestFilter();
        aware.afterPropertiesSet();
        ExceptionTranslationFilter exceptions = new ExceptionTranslationFilter(entryPoint, new NullRequestCache());
        exceptions.afterPropertiesSet();
        AuthorizationFilter authorization = new AuthorizationFilter(AuthenticatedAuthorizationManager.authenticated());
        FilterChainProxy proxy = new FilterChainProxy(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE,
                new SecurityContextHolderFilter(new RequestAttributeSecurityContextRepository()), bearer, aware, exceptions,
                authorization));
        proxy.afterPropertiesSet();
        return Objects.requireNonNull(proxy);
    }
}
