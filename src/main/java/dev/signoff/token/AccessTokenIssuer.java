package dev.signoff.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;

/**
 * Signs access tokens: a JWS of type {@code at+jwt} (RFC 9068) with {@code iss}, {@code aud}, {@code sub},
 * {@code iat}, {@code exp}, {@code jti}, {@code sid} and {@code roles}; the header names the signing key's {@code kid}
 * (the key of the moment, which a rotation replaces). This class is thread-safe.
 */
public final class AccessTokenIssuer {

    /** The JOSE {@code typ} of Signoff access tokens; verification requires it. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    private final TokenSettings settings;
    private final Clock clock;

    public AccessTokenIssuer(TokenSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A freshly signed token and its identity. */
    public record Issued(String token, String tokenId, long expiresAt) {
    }

    /** Signs a token of {@code subject} in the login session {@code sessionId}: every claim the verifier requires. */
    public Issued issue(String subject, Collection<String> roles, String sessionId) {
        long now = clock.millis() / 1000;
        long exp = now + settings.accessTokenTtl().toSeconds();
        String jti = Ids.newId();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(subject)
                .issueTime(new Date(now * 1000))
                .expirationTime(new Date(exp * 1000))
                .jwtID(jti)
                .claim("sid", Objects.requireNonNull(sessionId, "sessionId"))
                .claim("roles", new ArrayList<>(roles));
        SigningKeys.Signing key = settings.keys().signing();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(settings.algorithm()).type(TYPE).keyID(key.keyId()).build(), claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an access token failed", e);
        }
        return new Issued(jwt.serialize(), jti, exp);
    }
}
