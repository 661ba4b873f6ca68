package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ES256 keys stored by Signoff, rotated every 5 s, with 10 s access tokens and no clock skew: a token signed before a
 * rotation verifies until it expires, tokens signed after it name the new key, and the old key leaves
 * {@code /.well-known/jwks.json} once every token it signed has expired. The published set verifies a token with the
 * JDK's own {@link Signature}, without the JOSE library Signoff uses.
 */
@Tag(TestDatabase.INDEPENDENT)
class KeyRotationIT {

    private static final Duration ROTATION = Duration.ofSeconds(5);
    private static final Duration TTL = Duration.ofSeconds(10);

    private static TestDatabase db;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("key_rotation");
        server = SignoffServer.start("--db", db.url(), "--user", "kai:kai-pw",
                "--set", "signoff.algorithm=ES256", "--set", "signoff.key-rotation=" + ROTATION.toSeconds() + "s",
                "--set", "signoff.access-token-ttl=" + TTL.toSeconds() + "s", "--set", "signoff.clock-skew=0s",
                "--set", "signoff.revocation.sync-interval=200ms");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
    }

    private static String login() {
        return StoredKeysIT.access(server);
    }

    private static Http.Response jwks() {
        Http.Response r = get(server.url("/.well-known/jwks.json"), Map.of());
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    private static JsonNode keyOf(Http.Response jwks, String kid) {
        for (JsonNode key : jwks.json().get("keys")) {
            if (kid.equals(key.path("kid").asText())) {
                return key;
            }
        }
        return null;
    }

    private static JsonNode claims(String token) throws Exception {
        String payload = token.split("\\.")[1];
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }

    /** Verifies an ES256 JWS with the JDK alone: the public key from the JWK's {@code x} and {@code y}. */
    private static boolean verifiesWithTheJdk(String token, JsonNode jwk) throws Exception {
        assertEquals("EC", jwk.get("kty").asText());
        assertEquals("P-256", jwk.get("crv").asText());
        assertFalse(jwk.has("d"), "no private part is published");
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(unsigned(jwk.get("x").asText()), unsigned(jwk.get("y").asText()));
        PublicKey key = KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initVerify(key);
        int lastDot = token.lastIndexOf('.');
        signature.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    @Test
    void theJwkSetVerifiesATokenWithTheJdksOwnSignature() throws Exception {
        String token = login();
        String kid = StoredKeysIT.kid(token);
        assertEquals("ES256", StoredKeysIT.header(token).get("alg").asText());
        Http.Response jwks = jwks();
        assertEquals("public, max-age=2", jwks.header("Cache-Control").orElse(""), "half the rotation interval");
        assertTrue(jwks.header("Content-Type").orElse("").startsWith("application/jwk-set+json"), jwks::toString);
        JsonNode key = keyOf(jwks, kid);
        assertNotNull(key, "the signing key " + kid + " is published: " + jwks.body());
        assertEquals("ES256", key.get("alg").asText());
        assertEquals("sig", key.get("use").asText());
        assertTrue(verifiesWithTheJdk(token, key), "the JDK verifies Signoff's token with the published key");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(token).toString().replace("\"kai\"", "\"eve\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertFalse(verifiesWithTheJdk(forged, key), "and refuses a changed payload");
        assertEquals(405, post(server.url("/.well-known/jwks.json"), "", json()).status());
    }

    @Test
    void tokensSignedBeforeARotationVerifyUntilTheyExpireAndTheOldKeyThenLeavesTheJwkSet() throws Exception {
        String before = login();
        String oldKid = StoredKeysIT.kid(before);
        long expiresAt = claims(before).get("exp").asLong() * 1000;
        assertNotNull(keyOf(jwks(), oldKid));

        String[] after = new String[1];
        Waits.until("a token signed with the next key", () -> {
            after[0] = login();
            return !StoredKeysIT.kid(after[0]).equals(oldKid);
        });
        String newKid = StoredKeysIT.kid(after[0]);
        assertNotEquals(oldKid, newKid);
        assertTrue(System.currentTimeMillis() < expiresAt, "the rotation came before the first token expired");
        assertEquals(200, get(server.url("/api/me"), bearer(before)).status(), "the token signed before the rotation");
        assertEquals(200, get(server.url("/api/me"), bearer(after[0])).status(), "the token signed after it");
        Http.Response both = jwks();
        assertNotNull(keyOf(both, oldKid), both.body());
        assertNotNull(keyOf(both, newKid), both.body());
        assertTrue(verifiesWithTheJdk(before, keyOf(both, oldKid)));

        Waits.until("the old key leaves the JWK set", System.nanoTime(), Duration.ofSeconds(60), Duration.ofMillis(100),
                () -> keyOf(jwks(), oldKid) == null);
        long goneAt = System.currentTimeMillis();
        assertTrue(goneAt >= expiresAt, "the old key stayed published until its last token expired ("
                + (expiresAt - goneAt) + " ms early)");
        assertEquals(401, get(server.url("/api/me"), bearer(before)).status());
        String latest = login();
        assertEquals(200, get(server.url("/api/me"), bearer(latest)).status());
        assertNotNull(keyOf(jwks(), StoredKeysIT.kid(latest)));
    }
}
