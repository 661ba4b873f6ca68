package dev.signoff.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.signoff.fakes.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static TokenSettings settings(SigningKeys keys) {
        return new TokenSettings("signoff", "api", keys, Duration.ofMinutes(15), Duration.ofDays(1), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    @Test
    void anHmacSecretSignsWithItsThumbprintAsKidAndStillVerifiesTokensWithoutKid() throws Exception {
        SigningKeys keys = SigningKeys.hmac(SECRET, "signoff.secret");
        String thumbprint = new OctetSequenceKey.Builder(SECRET).build().computeThumbprint().toString();
        assertEquals(thumbprint, keys.signingKeyId());
        String token = new AccessTokenIssuer(settings(keys), clock).issue("ann", List.of(), "s1").token();
        assertEquals(thumbprint, kidOf(token));
        assertNotNull(keys.verifierFor(null), "a token issued before tokens carried a kid");
        assertNull(keys.verifierFor("another"));
        assertEquals("{\"keys\":[]}", keys.publicJwkSetJson(), "an HMAC secret is never published");
    }

    @Test
    void aJwkSetWithSeveralKeysSelectsTheVerifierByKidAndPublishesOnlyPublicKeys() throws Exception {
        ECKey current = new ECKeyGenerator(Curve.P_256).keyID("new").generate();
        ECKey retired = new ECKeyGenerator(Curve.P_256).keyID("old").generate();
        SigningKeys old = SigningKeys.fromJwkSet(JWSAlgorithm.ES256, new JWKSet(retired), null, "jwks", "kid");
        String oldToken = new AccessTokenIssuer(settings(old), clock).issue("ann", List.of(), "s1").token();

        SigningKeys both = SigningKeys.fromJwkSet(JWSAlgorithm.ES256, new JWKSet(List.of(current, retired.toPublicJWK())),
                null, "jwks", "kid");
        assertEquals("new", both.signingKeyId());
        AccessTokenVerifier verifier = new AccessTokenVerifier(settings(both), clock, 0);
        assertEquals("ann", verifier.verify(oldToken).subject(), "the retired key still verifies by its kid");
        String newToken = new AccessTokenIssuer(settings(both), clock).issue("bob", List.of(), "s2").token();
        assertEquals("new", kidOf(newToken));
        assertEquals("bob", verifier.verify(newToken).subject());
        assertNull(both.verifierFor(null), "with several keys a token must name one");

        JWKSet published = JWKSet.parse(both.publicJwkSetJson());
        assertEquals(2, published.getKeys().size());
        for (JWK jwk : published.getKeys()) {
            assertFalse(jwk.isPrivate(), jwk.getKeyID());
            assertEquals("ES256", jwk.getAlgorithm().getName());
            assertEquals("sig", jwk.getKeyUse().identifier());
        }
    }

    @Test
    void aSingleJwkWithoutKidIsNamedByItsThumbprint() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        SigningKeys keys = SigningKeys.fromJwkSet(JWSAlgorithm.ES256, new JWKSet(key), null, "jwks", "kid");
        String thumbprint = key.computeThumbprint().toString();
        assertEquals(thumbprint, keys.signingKeyId());
        assertSame(keys.verifierFor(null), keys.verifierFor(thumbprint));
        assertEquals(thumbprint, JWKSet.parse(keys.publicJwkSetJson()).getKeys().get(0).getKeyID());
    }

    @Test
    void storedKeysSignNothingUntilInstalledThenSwitchAtOnce() throws Exception {
        SigningKeys keys = SigningKeys.stored(JWSAlgorithm.HS256);
        assertTrue(keys.isStored());
        assertThrows(IllegalStateException.class, keys::signing);
        assertNull(keys.verifierFor(null));

        OctetSequenceKey first = new OctetSequenceKeyGenerator(256).keyID("k1").generate();
        OctetSequenceKey second = new OctetSequenceKeyGenerator(256).keyID("k2").generate();
        keys.install(first, List.of(first));
        AccessTokenIssuer issuer = new AccessTokenIssuer(settings(keys), clock);
        AccessTokenVerifier verifier = new AccessTokenVerifier(settings(keys), clock, 0);
        String before = issuer.issue("ann", List.of(), "s1").token();
        assertEquals("k1", kidOf(before));

        keys.install(second, List.of(first, second));
        String after = issuer.issue("ann", List.of(), "s2").token();
        assertEquals("k2", kidOf(after));
        assertEquals("s1", verifier.verify(before).sessionId());
        assertEquals("s2", verifier.verify(after).sessionId());
        assertNull(keys.verifierFor(null), "stored keys' tokens always name their key");

        keys.install(second, List.of(second));
        assertThrows(InvalidTokenException.class, () -> new AccessTokenVerifier(settings(keys), clock, 0).verify(before),
                "a key that left the set verifies nothing");
        assertThrows(IllegalStateException.class, () -> SigningKeys.hmac(SECRET, "s").install(first, List.of(first)));
    }
}
