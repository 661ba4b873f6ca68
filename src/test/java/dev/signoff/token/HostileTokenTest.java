package dev.signoff.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens whose header or claims are hostile or incomplete, written as raw JSON and signed with the genuine secret,
 * so that each refusal is due to the one thing that is wrong and not to the signature.
 */
class HostileTokenTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final TokenSettings HS = new TokenSettings("signoff", "api", SigningKeys.hmac(SECRET, "signoff.secret"),
            Duration.ofMinutes(15), Duration.ofDays(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}";
    private static final String[] CLAIMS = {"\"iss\":\"signoff\"", "\"aud\":\"api\"", "\"sub\":\"alice\"", "\"sid\":\"s1\"",
            "\"jti\":\"j1\"", "\"iat\":" + NOW, "\"exp\":" + (NOW + 600)};

    private final AccessTokenVerifier verifier = new AccessTokenVerifier(HS, CLOCK, 0);

    /** {@code header.payload.signature} with the genuine HS256 secret over exactly these bytes. */
    static String signed(String header, String payload) {
        String input = Base64URL.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims Signoff issues, with the claim {@code name} replaced by {@code json} (or left out when null). */
    private static String claimsWith(String name, String json) {
        StringBuilder out = new StringBuilder("{");
        for (String claim : CLAIMS) {
            boolean replaced = claim.startsWith("\"" + name + "\":");
            String member = replaced ? json == null ? null : "\"" + name + "\":" + json : claim;
            if (member != null) {
                out.append(out.length() > 1 ? "," : "").append(member);
            }
        }
        if (json != null && out.indexOf("\"" + name + "\":") < 0) {
            out.append(",\"").append(name).append("\":").append(json);
        }
        return out.append('}').toString();
    }

    private InvalidTokenException refused(String token) {
        return assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
    }

    @Test
    void theBaselineIsAccepted() throws Exception {
        AccessToken token = verifier.verify(signed(HEADER, claimsWith("none", null)));
        assertEquals("s1", token.sessionId());
        assertEquals(NOW + 600, token.expiresAt());
        assertEquals("alice", verifier.verify(signed(HEADER, claimsWith("aud", "[\"other\",\"api\"]"))).subject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "[1]", "1", "\"x\"", "true", "{}", "{\"alg\":null}", "{\"alg\":1}",
            "{\"alg\":[\"HS256\"]}", "{\"alg\":\"HS256\",\"typ\":null}", "{\"alg\":\"HS256\",\"typ\":1}",
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":{}}", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":\"x\"}",
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"jwk\":1}",
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"x5c\":\"x\"}", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"jku\":1}",
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"b64\":\"no\"}", "not json", "{\"alg\":\"HS256\"", "\u0000"})
    void aHeaderThatIsNotAJwsHeaderObjectIsARefusalNotACrash(String header) {
        InvalidTokenException e = refused(signed(header, claimsWith("none", null)));
        assertFalse(e.getMessage().contains(Base64URL.encode(header).toString()), "the reason quotes no token text");
    }

    @Test
    void aNullHeaderIsRefusedWithoutTheTokenInTheReason() {
        String token = "bnVsbA." + Base64URL.encode(claimsWith("none", null)) + ".c2ln";
        InvalidTokenException e = refused(token);
        assertTrue(e.getMessage().startsWith("unreadable JWS") || e.getMessage().startsWith("malformed JWS"), e.getMessage());
        assertFalse(e.getMessage().contains("bnVsbA"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "1", "\"x\"", "true"})
    void aPayloadThatIsNotAnObjectIsRefused(String payload) {
        refused(signed(HEADER, payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "aud", "sub", "sid", "jti", "iat", "exp"})
    void everyIssuedClaimIsRequired(String claim) {
        InvalidTokenException e = refused(signed(HEADER, claimsWith(claim, null)));
        assertTrue(e.getMessage().startsWith(claim), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "aud", "sub", "sid", "jti", "iat", "exp"})
    void everyIssuedClaimMayNotBeNull(String claim) {
        refused(signed(HEADER, claimsWith(claim, "null")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss=1", "iss=[\"signoff\"]", "iss={}", "aud=1", "aud=[1]", "aud=[\"api\",1]", "aud=[]",
            "aud={\"api\":1}", "sub=1", "sub=[\"alice\"]", "sub=\"\"", "sid=1", "sid=true", "sid=[\"s1\"]", "sid=\"\"",
            "jti=1", "jti={}", "jti=\"\"", "iat=\"2026\"", "iat=[1]", "iat=true", "iat={}", "exp=\"9999999999\"", "exp={}", "exp=1e300", "exp=-1", "exp=253402300800",
            "nbf=\"0\"", "nbf=[0]", "roles=\"admin\"", "roles=[1]", "roles=[\"a\",null]", "roles={}"})
    void everyClaimOfTheWrongJsonTypeIsRefused(String replacement) {
        int eq = replacement.indexOf('=');
        refused(signed(HEADER, claimsWith(replacement.substring(0, eq), replacement.substring(eq + 1))));
    }

    @Test
    void wrongIssuerOrAudienceValuesAreRefused() {
        refused(signed(HEADER, claimsWith("iss", "\"Signoff\"")));
        refused(signed(HEADER, claimsWith("aud", "\"API\"")));
        refused(signed(HEADER, claimsWith("aud", "[\"other\"]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"exp\"],\"exp\":1}",
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[]}", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"b64\"],\"b64\":true}",
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"b64\"],\"b64\":false}", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"b64\":false}",
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"cty\":\"JWT\"}", "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"HS256\"}",
            "{\"alg\":\"HS256\",\"typ\":\"application/jwt\"}", "{\"alg\":\"hs256\",\"typ\":\"at+jwt\"}", "{\"alg\":\"none\",\"typ\":\"at+jwt\"}",
            "{\"alg\":\"NONE\",\"typ\":\"at+jwt\"}", "{\"alg\":\"HS512\",\"typ\":\"at+jwt\"}",
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"\"}"})
    void critB64CtyKidAndForeignTypesOrAlgorithmsAreRefused(String header) {
        refused(signed(header, claimsWith("none", null)));
    }

    @Test
    void issuedTokensCarryEveryRequiredClaim() throws Exception {
        String token = new AccessTokenIssuer(HS, CLOCK).issue("alice", List.of("user"), "sid-9").token();
        AccessToken verified = verifier.verify(token);
        assertEquals("sid-9", verified.sessionId());
        assertThrows(NullPointerException.class, () -> new AccessTokenIssuer(HS, CLOCK).issue("alice", List.of(), null));
    }

    @Test
    void reasonsAreSingleLinePrintableAndBounded() {
        assertEquals("a?b", Reasons.safe("a\nb"));
        assertEquals(Reasons.MAX_LENGTH + 3, Reasons.safe("x".repeat(500)).length());
        assertEquals("no detail", Reasons.safe(null));
    }
}
