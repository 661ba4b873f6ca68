package dev.signoff.token;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.List;

/**
 * Context-wide token settings, parsed once from context-params by {@link TokenSettingsParser}.
 *
 * @param issuer             {@code iss} written and required ({@code signoff.issuer}, default {@code signoff})
 * @param audience           {@code aud} written and required ({@code signoff.audience}, default {@code signoff})
 * @param keys               the signing key and the verification keys
 * @param accessTokenTtl     lifetime of an access token ({@code signoff.access-token-ttl}, default 15m)
 * @param refreshTokenTtl    lifetime of a refresh token and of an idle login session
 *                           ({@code signoff.refresh-token-ttl}, default 14d)
 * @param refreshReuseGrace  how long a consumed refresh token may be presented again, for concurrent tabs
 *                           ({@code signoff.refresh-reuse-grace}, default 5s); later reuse revokes the session
 * @param clockSkew          tolerance for {@code exp}, {@code nbf} and {@code iat} ({@code signoff.clock-skew}, default 30s)
 */
public record TokenSettings(String issuer, String audience, SigningKeys keys, Duration accessTokenTtl,
                            Duration refreshTokenTtl, Duration refreshReuseGrace, Duration clockSkew) {

    /** The algorithms Signoff signs and verifies with; exactly one is accepted at a time. */
    public static final List<String> ALGORITHMS = List.of(
            JWSAlgorithm.HS256.getName(), JWSAlgorithm.RS256.getName(), JWSAlgorithm.ES256.getName(), JWSAlgorithm.EdDSA.getName());

    public JWSAlgorithm algorithm() {
        return keys.algorithm();
    }
}
