package dev.signoff.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Validates a back-channel logout token as OpenID Connect Back-Channel Logout 1.0 §2.6 says, with nimbus'
 * {@link DefaultJWTProcessor}: a JWS signed with one of the provider's keys and an asymmetric algorithm (an HMAC,
 * {@code none} or an encrypted token is refused), {@code typ} absent, {@code JWT} or {@code logout+jwt}; {@code iss}
 * equal to the provider's issuer; {@code aud} containing Signoff's client id; {@code iat} no more than
 * {@link #MAX_AGE} (plus the clock skew) in the past nor more than the skew in the future; {@code exp}, when present,
 * not passed; a {@code jti}; an {@code events} object with the member {@value #EVENT}; no {@code nonce}; a
 * {@code sid}, a {@code sub}, or both. Whether the {@code jti} was seen before is the caller's business. Built once;
 * thread-safe.
 */
final class LogoutTokenValidator {

    /** The event a logout token carries (§2.4). */
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** How old a logout token may be. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** The longest logout token read. */
    static final int MAX_LENGTH = 16 * 1024;

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final Clock clock;
    private final long skewMillis;

    LogoutTokenValidator(OidcSettings settings, JWKSource<SecurityContext> keys, Duration clockSkew, Clock clock) {
        this.issuer = settings.issuer();
        this.clock = clock;
        this.skewMillis = clockSkew.toMillis();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt"), JOSEObjectType.JWT, null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(settings.clientId()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("iss", "aud", "iat", "jti", "events"), Set.of("nonce"));
        claims.setMaxClockSkew((int) clockSkew.toSeconds());
        p.setJWTClaimsSetVerifier(claims);
        this.processor = p;
    }

    /** @throws RefusedLogoutToken with the precise reason, for the debug log */
    LogoutToken validate(String token) throws RefusedLogoutToken {
        if (token == null || token.isEmpty()) {
            throw new RefusedLogoutToken("no logout_token");
        }
        if (token.length() > MAX_LENGTH) {
            throw new RefusedLogoutToken("logout token longer than " + MAX_LENGTH + " characters");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException e) {
            throw new RefusedLogoutToken(e.getMessage());
        } catch (com.nimbusds.jose.JOSEException | RuntimeException e) {
            throw new RefusedLogoutToken("the logout token could not be checked: " + e);
        }
        long now = clock.millis();
        long issuedAt = claims.getIssueTime().getTime();
        if (issuedAt > now + skewMillis) {
            throw new RefusedLogoutToken("iat is in the future");
        }
        long validUntil = issuedAt + MAX_AGE.toMillis() + skewMillis;
        if (validUntil < now) {
            throw new RefusedLogoutToken("iat is more than " + MAX_AGE.toMinutes() + " minutes ago");
        }
        Object events;
        String subject;
        String sessionId;
        try {
            events = claims.getJSONObjectClaim("events");
            subject = claims.getSubject();
            sessionId = claims.getStringClaim("sid");
        } catch (ParseException e) {
            throw new RefusedLogoutToken("a claim has the wrong type: " + e.getMessage());
        }
        if (!(events instanceof Map<?, ?> map) || !(map.get(EVENT) instanceof Map)) {
            throw new RefusedLogoutToken("events has no member " + EVENT + " holding an object");
        }
        if (subject == null && sessionId == null) {
            throw new RefusedLogoutToken("neither sub nor sid");
        }
        String jti = claims.getJWTID();
        if (jti.isEmpty() || (subject != null && subject.isEmpty()) || (sessionId != null && sessionId.isEmpty())) {
            throw new RefusedLogoutToken("an empty jti, sub or sid");
        }
        if (claims.getExpirationTime() != null) {
            validUntil = Math.min(validUntil, claims.getExpirationTime().getTime() + skewMillis);
        }
        return new LogoutToken(issuer, jti, subject, sessionId, validUntil);
    }

    /** A logout token refused; the message is for the debug log. */
    static final class RefusedLogoutToken extends Exception {

        private static final long serialVersionUID = 1L;

        RefusedLogoutToken(String reason) {
            super(reason, null, false, false);
        }
    }
}
