package dev.signoff.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.signoff.config.ConfigException;
import dev.signoff.fakes.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenVerifierTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static TokenSettings settings(SigningKeys keys) {
        return new TokenSettings("signoff", "api", keys, Duration.ofMinutes(15), Duration.ofDays(1), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    private static final TokenSettings HS = settings(SigningKeys.hmac(SECRET, "signoff.secret"));

    private static String issue(TokenSettings s, Clock clock) {
        return new AccessTokenIssuer(s, clock).issue("alice", List.of("user"), "sid-1").token();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder().issuer("signoff").audience("api").subject("alice").jwtID("j").claim("sid", "sid-1")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    private static JWSHeader hs256() {
        return new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokenIssuer.TYPE).build();
    }

    @Test
    void issuedTokensVerifyWithTheirClaims() throws Exception {
        AccessToken token = new AccessTokenVerifier(HS, CLOCK).verify(issue(HS, CLOCK));
        assertEquals("alice", token.subject());
        assertEquals("sid-1", token.sessionId());
        assertEquals(Set.of("user"), token.roles());
        assertEquals(NOW.getEpochSecond() + 900, token.expiresAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void asymmetricAlgorithmsRoundTripThroughAJwkSet(String alg) throws Exception {
        JWK key = switch (alg) {
            case "RS256" -> new RSAKeyGenerator(2048).keyID("k1").generate();
            case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
            default -> new OctetKeyPairGenerator(Curve.Ed25519).keyID("k1").generate();
        };
        TokenSettings s = settings(SigningKeys.fromJwkSet(JWSAlgorithm.parse(alg), new JWKSet(key), null, "jwks", "kid"));
        AccessToken token = new AccessTokenVerifier(s, CLOCK).verify(issue(s, CLOCK));
        assertEquals("alice", token.subject());
        InvalidTokenException hsToken = assertThrows(InvalidTokenException.class,
                () -> new AccessTokenVerifier(s, CLOCK).verify(issue(HS, CLOCK)));
        assertTrue(hsToken.getMessage().startsWith("the algorithm is not"), hsToken.getMessage());
    }

    @Test
    void unsignedTokensAreRefused() {
        String none = new PlainJWT(validClaims().build()).serialize();
        assertThrows(InvalidTokenException.class, () -> new AccessTokenVerifier(HS, CLOCK).verify(none));
        String[] parts = issue(HS, CLOCK).split("\\.");
        String noneHeader = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}").toString();
        assertThrows(InvalidTokenException.class, () -> new AccessTokenVerifier(HS, CLOCK).verify(noneHeader + "." + parts[1] + "."));
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefusedByAnRsaDeployment() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        TokenSettings s = settings(SigningKeys.fromJwkSet(JWSAlgorithm.RS256, new JWKSet(rsa), null, "jwks", "kid"));
        byte[] publicBytes = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        String forged = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokenIssuer.TYPE).keyID("k1").build(),
                validClaims().build(), publicBytes);
        assertThrows(InvalidTokenException.class, () -> new AccessTokenVerifier(s, CLOCK).verify(forged));
    }

    @Test
    void keysCarriedInTheHeaderAreIgnored() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey genuine = new RSAKeyGenerator(2048).keyID("k1").generate();
        TokenSettings s = settings(SigningKeys.fromJwkSet(JWSAlgorithm.RS256, new JWKSet(genuine), null, "jwks", "kid"));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenIssuer.TYPE).keyID("k1")
                .jwk(attacker.toPublicJWK()).build(), validClaims().build());
        jwt.sign(new RSASSASigner(attacker));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> new AccessTokenVerifier(s, CLOCK).verify(jwt.serialize()));
        assertEquals("signature does not verify", e.getMessage());
    }

    @Test
    void wrongSignatureIssuerAudienceTypeAndGarbageAreRefused() throws Exception {
        AccessTokenVerifier verifier = new AccessTokenVerifier(HS, CLOCK);
        byte[] other = "another-secret-another-secret-123".getBytes(StandardCharsets.UTF_8);
        assertThrows(InvalidTokenException.class, () -> verifier.verify(sign(hs256(), validClaims().build(), other)));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(sign(hs256(), validClaims().issuer("evil").build(), SECRET)));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(sign(hs256(), validClaims().audience("other").build(), SECRET)));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(sign(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), validClaims().build(), SECRET)));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(sign(hs256(), validClaims().jwtID(null).build(), SECRET)));
        String good = sign(hs256(), validClaims().build(), SECRET);
        for (String garbage : new String[] {"", "abc", "a.b.c", "a.b", good.substring(0, good.length() - 5), good + "x",
                "eyJ!.eyJ.x", "x".repeat(AccessTokenVerifier.MAX_TOKEN_LENGTH + 1)}) {
            assertThrows(InvalidTokenException.class, () -> verifier.verify(garbage), garbage.length() > 40 ? "long" : garbage);
        }
        verifier.verify(good);
    }

    @Test
    void expiryAndNotBeforeHonourTheSkew() throws Exception {
        AccessTokenVerifier verifier = new AccessTokenVerifier(HS, CLOCK);
        String expired = sign(hs256(), validClaims().issueTime(Date.from(NOW.minusSeconds(1000)))
                .expirationTime(Date.from(NOW.minusSeconds(31))).build(), SECRET);
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(expired));
        assertTrue(e.getMessage().startsWith("expired"));
        assertEquals("alice", verifier.verify(expired, true).subject(), "logout still identifies an expired token");
        verifier.verify(sign(hs256(), validClaims().expirationTime(Date.from(NOW.minusSeconds(29))).build(), SECRET));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(sign(hs256(),
                validClaims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build(), SECRET)));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(sign(hs256(),
                validClaims().issueTime(Date.from(NOW.plusSeconds(60))).build(), SECRET)));
    }

    @Test
    void aTokenVerifiedBeforeIsStillCheckedAgainstTheClockOnEveryUse() throws Exception {
        MovableClock clock = new MovableClock(NOW);
        AccessTokenVerifier verifier = new AccessTokenVerifier(HS, clock);
        String token = issue(HS, clock);
        assertEquals("alice", verifier.verify(token).subject());
        assertEquals("alice", verifier.verify(token).subject(), "presented again");
        clock.now = NOW.plusSeconds(900 + 30);
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        assertTrue(e.getMessage().startsWith("expired"), e.getMessage());
        assertEquals("alice", verifier.verify(token, true).subject(), "logout still identifies it");

        String early = sign(hs256(), validClaims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build(), SECRET);
        clock.now = NOW.plusSeconds(100);
        verifier.verify(early);
        clock.now = NOW;
        assertThrows(InvalidTokenException.class, () -> verifier.verify(early), "nbf is checked on every use");
    }

    @Test
    void anAlteredCopyOfAVerifiedTokenIsVerifiedInFullAndRefused() throws Exception {
        AccessTokenVerifier verifier = new AccessTokenVerifier(HS, CLOCK);
        String token = issue(HS, CLOCK);
        verifier.verify(token);
        String[] parts = token.split("\\.");
        String otherClaims = Base64URL.encode(validClaims().subject("mallory").build().toString()).toString();
        assertThrows(InvalidTokenException.class, () -> verifier.verify(parts[0] + "." + otherClaims + "." + parts[2]));
        char last = parts[2].charAt(0);
        String otherSignature = (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThrows(InvalidTokenException.class, () -> verifier.verify(parts[0] + "." + parts[1] + "." + otherSignature));
        assertEquals("alice", verifier.verify(token).subject());
    }

    @Test
    void aHeaderSeenBeforeStillNeedsItsOwnSignatureAndClaims() throws Exception {
        AccessTokenVerifier verifier = new AccessTokenVerifier(HS, CLOCK, 0);
        String token = issue(HS, CLOCK);
        verifier.verify(token);
        String[] parts = token.split("\\.");
        String otherClaims = Base64URL.encode(validClaims().subject("mallory").build().toString()).toString();
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(parts[0] + "." + otherClaims + "." + parts[2]));
        assertEquals("signature does not verify", e.getMessage());
        String duplicate = "{\"sub\":\"mallory\"," + validClaims().build().toString().substring(1);
        String signedDuplicate = signRaw(parts[0], duplicate);
        e = assertThrows(InvalidTokenException.class, () -> verifier.verify(signedDuplicate));
        assertTrue(e.getMessage().startsWith("malformed JWS"), e.getMessage());
        assertThrows(InvalidTokenException.class, () -> verifier.verify(signRaw(parts[0], "[]")));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(signRaw(parts[0], "null")));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(parts[0] + "." + parts[1] + "." + parts[2] + "A"),
                "a signature of 4n+1 characters is no base64url");
        assertEquals("alice", verifier.verify(token).subject());
    }

    /** A token of the already encoded header and this exact payload text, signed with the test secret. */
    private static String signRaw(String encodedHeader, String payload) throws Exception {
        String input = encodedHeader + "." + Base64URL.encode(payload);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void withoutACacheEveryPresentationIsVerifiedInFull() throws Exception {
        AccessTokenVerifier verifier = new AccessTokenVerifier(HS, CLOCK, 0);
        String token = issue(HS, CLOCK);
        assertEquals("alice", verifier.verify(token).subject());
        assertEquals("alice", verifier.verify(token).subject());
        assertThrows(IllegalArgumentException.class, () -> new AccessTokenVerifier(HS, CLOCK, 100));
    }

    @Test
    void shortSecretsAndUnusableKeySetsFailConfiguration() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SigningKeys.hmac(new byte[31], "signoff.secret"));
        assertEquals("signoff.secret", e.parameter());
        RSAKey publicOnly = new RSAKeyGenerator(2048).keyID("k1").generate().toPublicJWK();
        assertThrows(ConfigException.class, () -> SigningKeys.fromJwkSet(JWSAlgorithm.RS256, new JWKSet(publicOnly), null, "jwks", "kid"));
        assertThrows(ConfigException.class, () -> SigningKeys.fromJwkSet(JWSAlgorithm.ES256, new JWKSet(publicOnly), null, "jwks", "kid"));
    }
}
