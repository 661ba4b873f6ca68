package dev.signoff.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads {@link TokenSettings} from the {@code signoff.*} context-params listed in {@link #NAMES}. */
public final class TokenSettingsParser {

    public static final String ISSUER = "signoff.issuer";
    public static final String AUDIENCE = "signoff.audience";
    public static final String ALGORITHM = "signoff.algorithm";
    public static final String SECRET = "signoff.secret";
    public static final String JWKS_FILE = "signoff.jwks-file";
    public static final String SIGNING_KEY_ID = "signoff.signing-key-id";
    public static final String ACCESS_TOKEN_TTL = "signoff.access-token-ttl";
    public static final String REFRESH_TOKEN_TTL = "signoff.refresh-token-ttl";
    public static final String REFRESH_REUSE_GRACE = "signoff.refresh-reuse-grace";
    public static final String CLOCK_SKEW = "signoff.clock-skew";

    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of(ISSUER, AUDIENCE, ALGORITHM, JWKS_FILE, SIGNING_KEY_ID,
                ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL, REFRESH_REUSE_GRACE, CLOCK_SKEW));
        names.addAll(Params.secretNames(SECRET));
        NAMES = List.copyOf(names);
    }

    private TokenSettingsParser() {
    }

    public static TokenSettings parse(Params params) {
        String issuer = params.string(ISSUER, "signoff");
        String audience = params.string(AUDIENCE, "signoff");
        JWSAlgorithm algorithm = JWSAlgorithm.parse(params.oneOf(ALGORITHM, "HS256", TokenSettings.ALGORITHMS));
        SigningKeys keys = JWSAlgorithm.HS256.equals(algorithm) ? hmacKeys(params) : jwkKeys(params, algorithm);
        Duration accessTtl = params.duration(ACCESS_TOKEN_TTL, Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofDays(1));
        Duration refreshTtl = params.duration(REFRESH_TOKEN_TTL, Duration.ofDays(14), Duration.ofMinutes(1), Duration.ofDays(365));
        if (refreshTtl.compareTo(accessTtl) < 0) {
            throw new ConfigException(REFRESH_TOKEN_TTL, "must not be shorter than " + ACCESS_TOKEN_TTL);
        }
        Duration grace = params.duration(REFRESH_REUSE_GRACE, Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(5));
        Duration skew = params.duration(CLOCK_SKEW, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(10));
        return new TokenSettings(issuer, audience, keys, accessTtl, refreshTtl, grace, skew);
    }

    private static SigningKeys hmacKeys(Params params) {
        if (params.source().get(JWKS_FILE) != null) {
            throw new ConfigException(JWKS_FILE, "is used with RS256, ES256 or EdDSA, not with HS256; set " + ALGORITHM);
        }
        String secret = params.secret(SECRET);
        if (secret == null) {
            // no key configured: Signoff makes one and keeps it in its database (dev.signoff.keys.StoredKeys)
            return SigningKeys.stored(JWSAlgorithm.HS256);
        }
        return SigningKeys.hmac(secret.getBytes(StandardCharsets.UTF_8), SECRET);
    }

    private static SigningKeys jwkKeys(Params params, JWSAlgorithm algorithm) {
        if (params.secret(SECRET) != null) {
            throw new ConfigException(SECRET, "is used with HS256 only; " + algorithm + " takes its keys from " + JWKS_FILE);
        }
        String file = params.source().get(JWKS_FILE);
        if (file == null) {
            // no key configured: Signoff makes a key pair and keeps it in its database (dev.signoff.keys.StoredKeys)
            return SigningKeys.stored(algorithm);
        }
        JWKSet jwks;
        try {
            jwks = JWKSet.load(new File(file));
        } catch (java.io.IOException e) {
            throw new ConfigException(JWKS_FILE, "cannot read the JWK set file '" + file + "': " + e.getClass().getSimpleName());
        } catch (java.text.ParseException e) {
            throw new ConfigException(JWKS_FILE, "'" + file + "' is not a JWK set (RFC 7517 §5): " + e.getMessage());
        }
        return SigningKeys.fromJwkSet(algorithm, jwks, params.source().get(SIGNING_KEY_ID), JWKS_FILE, SIGNING_KEY_ID);
    }
}
