package dev.signoff.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.signoff.fakes.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each check of Back-Channel Logout §2.6, one by one, with the reason each refusal gives the debug log. */
class LogoutTokenValidatorTest {

    private static final String ISSUER = "https://op.example.test";
    private static final ECKey KEY = generate("k1");
    private static final ECKey FOREIGN = generate("k1");

    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private final LogoutTokenValidator validator = new LogoutTokenValidator(new OidcSettings(ISSUER, "app", null, null),
            new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())), Duration.ofSeconds(30), clock);

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("app").issueTime(new Date(clock.millis())).jwtID("j1")
                .subject("u1").claim("sid", "s1").claim("events", Map.of(LogoutTokenValidator.EVENT, Map.of()));
    }

    private static String sign(JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) throws Exception {
        SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1")
                .type(new JOSEObjectType("logout+jwt"))).build(), claims);
        jwt.sign(new ECDSASigner(KEY));
        return jwt.serialize();
    }

    private String refusal(String token) {
        return assertThrows(LogoutTokenValidator.RefusedLogoutToken.class, () -> validator.validate(token)).getMessage();
    }

    @Test
    void aGoodTokenGivesItsIdsAndHowLongItsJtiMatters() throws Exception {
        LogoutToken token = validator.validate(sign(claims().build(), h -> h));
        assertEquals(List.of("j1", "u1", "s1", ISSUER), List.of(token.tokenId(), token.subject(), token.sessionId(), token.issuer()));
        assertEquals(clock.millis() + Duration.ofMinutes(5).plusSeconds(30).toMillis(), token.validUntil());
        assertNull(validator.validate(sign(claims().jwtID("j2").subject(null).build(), h -> h.type(null))).subject(),
                "sid alone, and no typ, will do");
    }

    @Test
    void eachViolationIsRefusedWithItsReason() throws Exception {
        assertTrue(refusal(sign(claims().audience("other").build(), h -> h)).contains("aud"));
        assertTrue(refusal(sign(claims().issuer("https://evil.test").build(), h -> h)).contains("iss"));
        assertTrue(refusal(sign(claims().claim("events", null).build(), h -> h)).contains("events"));
        assertTrue(refusal(sign(claims().claim("events", Map.of("x", Map.of())).build(), h -> h)).contains("events"));
        assertTrue(refusal(sign(claims().claim("nonce", "n").build(), h -> h)).contains("nonce"));
        assertTrue(refusal(sign(claims().jwtID(null).build(), h -> h)).contains("jti"));
        assertTrue(refusal(sign(claims().subject(null).claim("sid", null).build(), h -> h)).contains("neither sub nor sid"));
        assertTrue(refusal(sign(claims().build(), h -> h.type(new JOSEObjectType("at+jwt")))).contains("type"));
        String token = sign(claims().build(), h -> h);
        clock.now = clock.now.plus(Duration.ofMinutes(5).plusSeconds(31));
        assertTrue(refusal(token).contains("iat"), "older than 5 minutes and the skew");
        clock.now = clock.now.minus(Duration.ofMinutes(12));
        assertTrue(refusal(token).contains("future"));
    }

    @Test
    void aForeignKeyOrAnHmacFindsNoKey() throws Exception {
        SignedJWT foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(), claims().build());
        foreign.sign(new ECDSASigner(FOREIGN));
        assertTrue(refusal(foreign.serialize()).contains("Invalid signature"), refusal(foreign.serialize()));
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertTrue(refusal(hmac.serialize()).contains("algorithm"), refusal(hmac.serialize()));
    }
}
