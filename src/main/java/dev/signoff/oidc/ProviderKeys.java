package dev.signoff.oidc;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.signoff.config.ConfigException;
import java.net.MalformedURLException;
import java.time.Duration;

/**
 * The OpenID Provider's public keys, built once: from its JWK set URL through nimbus' {@link JWKSourceBuilder}
 * (fetched with {@link #CONNECT_TIMEOUT} and {@link #READ_TIMEOUT}, at most {@link #SIZE_LIMIT} bytes, cached for
 * {@link #CACHE_TTL}, fetched again when a token names a {@code kid} the cache does not hold, at most once per
 * {@link #MIN_REFETCH_INTERVAL}), or the public keys of a JWK set file read with the settings. Thread-safe.
 */
final class ProviderKeys {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    static final int SIZE_LIMIT = 256 * 1024;
    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);

    private ProviderKeys() {
    }

    static JWKSource<SecurityContext> of(OidcSettings settings) {
        if (settings.jwksFile() != null) {
            return new ImmutableJWKSet<>(settings.jwksFile());
        }
        DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) CONNECT_TIMEOUT.toMillis(),
                (int) READ_TIMEOUT.toMillis(), SIZE_LIMIT);
        try {
            return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(), retriever)
                    .cache(CACHE_TTL.toMillis(), READ_TIMEOUT.plus(CONNECT_TIMEOUT).toMillis())
                    .rateLimited(MIN_REFETCH_INTERVAL.toMillis())
                    .retrying(false)
                    .outageTolerant(false)
                    .refreshAheadCache(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new ConfigException(OidcSettings.JWKS_URL, "'" + settings.jwksUrl() + "' is not a URL");
        }
    }
}
