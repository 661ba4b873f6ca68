package dev.signoff.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signoff.token.AccessToken;
import dev.signoff.token.AccessTokenVerifier;
import dev.signoff.token.InvalidTokenException;
import dev.signoff.token.SigningKeys;
import dev.signoff.token.TokenSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link AccessTokenVerifier#verify} on hostile input. The one outcome besides a verified token is an
 * {@link InvalidTokenException}: anything else escaping (a NullPointerException from the JOSE parser, ...) is a
 * finding. A token that verifies carries every claim the verifier promises.
 *
 * <p>{@link #anyString} feeds arbitrary text; {@link #signedHeaderAndPayload} signs fuzzed header and payload JSON
 * with the deployment's own HS256 secret, so that the fuzzer gets past the signature to the header and claim checks.
 */
class AccessTokenFuzzTest {

    private static final byte[] SECRET = "fuzzing-secret-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final TokenSettings SETTINGS = new TokenSettings("signoff", "signoff", SigningKeys.hmac(SECRET, "signoff.secret"),
            Duration.ofMinutes(15), Duration.ofDays(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Without a cache, so that every input is verified in full. */
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC), 0);

    @FuzzTest
    void anyString(FuzzedDataProvider data) {
        boolean allowExpired = data.consumeBoolean();
        check(data.consumeRemainingAsString(), allowExpired);
    }

    @FuzzTest
    void signedHeaderAndPayload(FuzzedDataProvider data) {
        boolean allowExpired = data.consumeBoolean();
        String header = data.consumeString(200);
        String payload = data.consumeRemainingAsString();
        check(sign(header, payload), allowExpired);
    }

    private void check(String token, boolean allowExpired) {
        AccessToken verified;
        try {
            verified = verifier.verify(token, allowExpired);
        } catch (InvalidTokenException refused) {
            assertNotNull(refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), "a reason is one line");
            return;
        }
        assertNotNull(verified.subject());
        assertNotNull(verified.sessionId());
        assertNotNull(verified.tokenId());
        assertTrue(allowExpired || verified.expiresAt() > NOW.getEpochSecond() - 30, "an expired token got in");
    }

    static String sign(String header, String payload) {
        String input = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
