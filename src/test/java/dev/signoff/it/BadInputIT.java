package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile and broken input: always a 4xx with a JSON body, never a 500, an HTML page or a stack trace. */
class BadInputIT {

    private static TestDatabase db;
    private static SignoffServer server;
    private static String valid;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("badinput");
        server = SignoffServer.start("--db", db.url(), "--user", "carol:carol-pw",
                "--set", "signoff.secret=" + Tokens.SECRET);
        valid = post(server.url("/auth/login"), credentials("carol", "carol-pw"), json()).text("access_token");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
        assertFalse(server.output().contains(Tokens.SECRET), "the secret never reaches the log");
        assertFalse(server.output().contains("carol-pw"), "a password never reaches the log");
    }

    private static void assertJsonError(Http.Response r, int status) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/json"), r::toString);
        assertTrue(r.json().hasNonNull("error"), r::toString);
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r::toString);
    }

    @Test
    void noCredentialIsAPlainChallenge() {
        Http.Response r = get(server.url("/api/me"), Map.of());
        assertJsonError(r, 401);
        assertEquals("Bearer realm=\"signoff\"", r.header("WWW-Authenticate").orElseThrow());
        assertJsonError(get(server.url("/api/me"), Map.of("Authorization", "Basic Y2Fyb2w6Y2Fyb2wtcHc=")), 401);
    }

    @Test
    void malformedAuthorizationHeadersAreBadRequests() {
        for (String header : new String[] {"Bearer", "Bearer ", "Bearer a b", "Bearer tok\"en", "Bearer =abc"}) {
            Http.Response r = get(server.url("/api/me"), Map.of("Authorization", header));
            assertJsonError(r, 400);
            assertEquals("invalid_request", r.text("error"));
            assertTrue(r.header("WWW-Authenticate").orElseThrow().contains("error=\"invalid_request\""));
        }
    }

    @Test
    void everyBadTokenGetsTheSameGenericRefusal() {
        Instant past = Instant.now().minusSeconds(7200);
        String[] parts = valid.split("\\.");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage", "garbage");
        tokens.put("truncated", valid.substring(0, valid.length() - 10));
        tokens.put("two parts", parts[0] + "." + parts[1]);
        tokens.put("alg none", Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".");
        tokens.put("wrong signature", Tokens.sign(Tokens.claims("carol", "s").build(), "another-secret-another-secret-0123456789", h -> h));
        tokens.put("expired", Tokens.sign(Tokens.claims("carol", "s").issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(900))).build()));
        tokens.put("wrong issuer", Tokens.sign(Tokens.claims("carol", "s").issuer("someone-else").build()));
        tokens.put("wrong audience", Tokens.sign(Tokens.claims("carol", "s").audience("other-api").build()));
        tokens.put("HS512", Tokens.sign(Tokens.claims("carol", "s").build(), Tokens.SECRET + Tokens.SECRET,
                h -> new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.HS512).type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))));
        tokens.put("huge", "a".repeat(9000));
        String body = null;
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            Http.Response r = get(server.url("/api/me"), bearer(token.getValue()));
            assertJsonError(r, 401);
            assertEquals("Bearer realm=\"signoff\", error=\"invalid_token\"", r.header("WWW-Authenticate").orElseThrow(), token.getKey());
            if (body == null) {
                body = r.body();
            }
            assertEquals(body, r.body(), "the reason is never told: " + token.getKey());
        }
        assertEquals(200, get(server.url("/api/me"), bearer(valid)).status());
    }

    @Test
    void oversizedHeadersAreRefusedWithJson() {
        assertJsonError(get(server.url("/api/me"), bearer("a".repeat(10 * 1024))), 401);
        Http.Response huge = get(server.url("/api/me"), Map.of("X-Padding", "p".repeat(20 * 1024)));
        assertJsonError(huge, 431);
    }

    @Test
    void badLoginAndRefreshBodies() {
        assertJsonError(post(server.url("/auth/login"), "{not json", json()), 400);
        assertJsonError(post(server.url("/auth/login"), "[1,2]", json()), 400);
        assertJsonError(post(server.url("/auth/login"), "{\"username\":\"carol\"}", json()), 400);
        assertJsonError(post(server.url("/auth/login"), "{\"username\":5,\"password\":\"x\"}", json()), 400);
        assertJsonError(post(server.url("/auth/login"), credentials("carol", "wrong"), json()), 401);
        assertJsonError(post(server.url("/auth/login"), credentials("nobody", "x"), json()), 401);
        assertJsonError(post(server.url("/auth/login"), "x".repeat(20_000), json()), 400);
        assertJsonError(post(server.url("/auth/login"), "a=b", Map.of("Content-Type", "text/plain")), 400);
        assertJsonError(get(server.url("/auth/login"), Map.of()), 405);
        assertJsonError(post(server.url("/auth/refresh"), "{}", json()), 400);
        assertJsonError(post(server.url("/auth/refresh"), "{\"refresh_token\":\"garbage\"}", json()), 401);
        assertJsonError(post(server.url("/auth/refresh"), "grant_type=password&refresh_token=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 400);
        assertJsonError(post(server.url("/auth/refresh"), "grant_type=refresh_token&refresh_token=" + "A".repeat(43),
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 401);
    }

    @Test
    void logoutWithBadCredentialsIsRefusedAndWrongMethodsAre405() {
        assertJsonError(post(server.url("/auth/logout"), null, Map.of()), 401);
        assertJsonError(post(server.url("/auth/logout"), null, bearer("garbage")), 401);
        assertJsonError(post(server.url("/auth/logout"), null, Map.of("Authorization", "Bearer a b")), 401);
        Http.Response get = get(server.url("/auth/logout"), Map.of());
        assertJsonError(get, 405);
        assertEquals("POST", get.header("Allow").orElseThrow());
    }

    @Test
    void unknownPathsAreJsonToo() {
        assertJsonError(get(server.url("/nothing-here"), Map.of()), 404);
        assertJsonError(get(server.url("/auth/nothing"), Map.of()), 404);
    }
}
