package dev.signoff.it.contracts;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.it.Http;
import dev.signoff.it.SignoffServer;
import dev.signoff.it.Tokens;
import dev.signoff.it.Waits;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Contract {@code bearer-all-devices} ({@code --contract bearer-all-devices}): {@code POST /api/v1/auth/logout} with
 * {@code Authorization: Bearer} ends every login of the user on every device. No cookies. The database outage runs
 * last. Each test has its own user, since a logout here ends all of a user's logins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BearerAllDevicesContractIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String UNAUTHENTICATED = "{\"message\":\"Unauthenticated.\"}";

    private static ContractDatabase db;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = ContractDatabase.start("contract_bearer_all_devices");
        server = db.startWar(Map.of(), "bearer-all-devices");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
    }

    /** What one device holds after login: both tokens from the body. */
    record Login(String access, String refresh, String sid) {
    }

    static Login login(String user) {
        Http.Response r = post(server.url("/api/v1/auth/login"), credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        assertEquals("Bearer", r.text("token_type"));
        assertEquals(user, r.text("user"));
        assertNotNull(r.text("refresh_token"));
        assertTrue(r.setCookies().isEmpty(), "no cookie at all: " + r);
        Http.Response me = me(r.text("access_token"));
        assertEquals(200, me.status(), me::toString);
        return new Login(r.text("access_token"), r.text("refresh_token"), me.text("session"));
    }

    static Http.Response me(String accessToken) {
        return get(server.url("/api/v1/auth/me"), bearer(accessToken));
    }

    static Http.Response refresh(String refreshToken) {
        return post(server.url("/api/v1/auth/refresh"), "{\"refresh_token\":\"" + refreshToken + "\"}", json());
    }

    /**
     * Waits until the clock has left the second {@code accessToken} was issued in (at most a second). Logout on all
     * devices refuses what was issued in an earlier second from memory; a token of the same second is refused through
     * its login session, which only the database can name, and here the database is gone.
     */
    static void leaveTheSecondOf(String accessToken) throws Exception {
        long iat = JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1])).get("iat").asLong();
        long wait = (iat + 1) * 1000 - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    static void assertUnauthenticated(Http.Response r) throws Exception {
        assertEquals(401, r.status(), r::toString);
        assertEquals(JSON.readTree(UNAUTHENTICATED), r.json(), r::toString);
        assertTrue(r.setCookies().isEmpty(), r::toString);
    }

    static void assertLoggedOut(Http.Response logout) throws Exception {
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(JSON.readTree("{\"message\":\"Successfully logged out\"}"), logout.json(), logout::toString);
        assertTrue(logout.setCookies().isEmpty(), "no cookie is set or cleared: " + logout);
    }

    @Test
    void loginRefreshAndMeServeBearerTokens() throws Exception {
        Login login = login("alice");
        assertEquals("alice", me(login.access()).text("name"));
        assertUnauthenticated(get(server.url("/api/v1/auth/me"), Map.of()));
        Http.Response rotated = refresh(login.refresh());
        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals(200, me(rotated.text("access_token")).status());
    }

    @Test
    void theCurlExampleEndsEveryTokenOfTheUserOnEveryDevice() throws Exception {
        Login laptop = login("bob");
        Login phone = login("bob");
        Http.Response phoneRotated = refresh(phone.refresh());
        assertEquals(200, phoneRotated.status());

        // curl -X POST "https://api.example.com/api/v1/auth/logout" -H "Authorization: Bearer 1|abc123def456..."
        assertLoggedOut(post(server.url("/api/v1/auth/logout"), null, bearer(laptop.access())));

        for (String access : List.of(laptop.access(), phone.access(), phoneRotated.text("access_token"))) {
            assertUnauthenticated(me(access));
        }
        for (String refresh : List.of(laptop.refresh(), phoneRotated.text("refresh_token"))) {
            Http.Response refused = refresh(refresh);
            assertEquals(401, refused.status(), refused::toString);
        }
        for (String sid : List.of(laptop.sid(), phone.sid())) {
            assertNotNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", sid), "every login is ended in the database");
        }
        assertEquals(0L, ((Number) db.value("SELECT COUNT(*) FROM signoff_refresh_token t JOIN signoff_session s ON s.id = t.session_id "
                + "WHERE s.subject = 'bob' AND t.consumed_at IS NULL")).longValue(), "no refresh token of the user is left");

        // the frontend's error handling: the token is already invalid, so a second logout is a 401
        assertUnauthenticated(post(server.url("/api/v1/auth/logout"), null, bearer(phone.access())));

        Login again = login("bob");
        assertEquals(200, me(again.access()).status(), "a login after the logout is a new one");
        assertEquals(200, refresh(again.refresh()).status());
    }

    @Test
    void theDocumentedHeadersWithAJsonContentTypeWorkAlike() throws Exception {
        Login login = login("carol");
        // POST /api/v1/auth/logout, Content-Type: application/json, Authorization: Bearer {access_token}, no body
        Map<String, String> headers = new LinkedHashMap<>(json());
        headers.putAll(bearer(login.access()));
        assertLoggedOut(post(server.url("/api/v1/auth/logout"), null, headers));
        assertUnauthenticated(me(login.access()));
    }

    @Test
    void noHeaderABadFormatOrAnInvalidOrExpiredTokenIsUnauthenticated() throws Exception {
        Login login = login("dave");
        Instant past = Instant.now().minusSeconds(3600);
        String expired = Tokens.sign(Tokens.claims("dave", login.sid()).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(900))).build());
        String wrongKey = Tokens.sign(Tokens.claims("dave", login.sid()).build(), "another-secret-0123456789-abcdefghijkl", h -> h);
        Map<String, Map<String, String>> requests = new LinkedHashMap<>();
        requests.put("no Authorization header", Map.of());
        requests.put("the documentation's opaque token format", bearer("1|abc123def456..."));
        requests.put("Bearer without a token", Map.of("Authorization", "Bearer"));
        requests.put("Bearer with two words", Map.of("Authorization", "Bearer a b"));
        requests.put("another scheme", Map.of("Authorization", "Token " + login.access()));
        requests.put("a token that is no JWT", bearer("abc123def456"));
        requests.put("a JWT signed with another key", bearer(wrongKey));
        requests.put("an expired JWT of a live login", bearer(expired));
        for (Map.Entry<String, Map<String, String>> request : requests.entrySet()) {
            try {
                assertUnauthenticated(post(server.url("/api/v1/auth/logout"), null, request.getValue()));
            } catch (AssertionError e) {
                throw new AssertionError(request.getKey() + ": " + e.getMessage(), e);
            }
        }
        assertNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", login.sid()), "nothing was ended");
        assertEquals(200, me(login.access()).status());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheDatabaseIsUnreachableTheLogoutAnswers500() throws Exception {
        Login laptop = login("erin");
        Login phone = login("erin");
        leaveTheSecondOf(phone.access());
        db.stop();

        Http.Response logout = post(server.url("/api/v1/auth/logout"), null, bearer(laptop.access()));
        assertEquals(500, logout.status(), logout::toString);
        assertEquals(JSON.readTree("{\"message\":\"Server Error\"}"), logout.json(), logout::toString);
        assertFalse(logout.body().contains("logged out"), "no success is claimed");
        assertTrue(logout.setCookies().isEmpty(), logout::toString);
        assertUnauthenticated(me(laptop.access()));
        assertUnauthenticated(me(phone.access()));
        assertNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", phone.sid()),
                "the database still holds the logins as live, which is why the answer is no success");
    }
}
