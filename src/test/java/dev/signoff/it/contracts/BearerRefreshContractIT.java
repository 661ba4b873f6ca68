package dev.signoff.it.contracts;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.cookie;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.it.Http;
import dev.signoff.it.SetCookie;
import dev.signoff.it.SignoffServer;
import dev.signoff.it.Tokens;
import dev.signoff.it.Waits;
import dev.signoff.token.Ids;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Contract {@code bearer-refresh} ({@code --contract bearer-refresh}): {@code POST /api/logout} with
 * {@code Authorization: Bearer}, the refresh token in an HttpOnly {@code refreshToken} cookie. The database outage
 * runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BearerRefreshContractIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> REFRESH_COOKIE = Map.of("Path", "/api", "HttpOnly", "", "SameSite", "Strict");

    private static ContractDatabase db;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = ContractDatabase.start("contract_bearer_refresh");
        server = db.startWar(Map.of(), "bearer-refresh");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
    }

    /** The credentials a client holds after login: the access token from the body, the refresh token from its cookie. */
    record Login(String access, String refresh) {
    }

    static Login login(String user) {
        Http.Response r = post(server.url("/api/login"), credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        assertEquals("Bearer", r.text("token_type"));
        assertEquals(900, r.json().get("expires_in").asInt());
        assertEquals(user, r.text("user"));
        assertNull(r.json().get("refresh_token"), "the refresh token travels only in its HttpOnly cookie");
        String refresh = SetCookie.exactly(r, "refreshToken").get("refreshToken").assertSet(14 * 86400, REFRESH_COOKIE);
        return new Login(r.text("access_token"), refresh);
    }

    static Http.Response logout(String accessToken) {
        // curl -X POST https://api.deployhub.cloud/api/logout -H "Authorization: Bearer eyJhbGciOi..."
        return post(server.url("/api/logout"), null, bearer(accessToken));
    }

    static Http.Response me(String accessToken) {
        return get(server.url("/api/me"), bearer(accessToken));
    }

    static Http.Response refresh(String refreshToken) {
        return post(server.url("/api/refresh"), null, cookie("refreshToken=" + refreshToken));
    }

    static void assertJson(String expected, Http.Response response) throws Exception {
        assertEquals(JSON.readTree(expected), response.json(), response::toString);
    }

    static void assertUnauthorized(Http.Response response) throws Exception {
        assertEquals(401, response.status(), response::toString);
        assertJson("{\"message\":\"Unauthorized\"}", response);
    }

    @Test
    void loginRefreshAndMeServeTheCredentialsTheContractExpects() throws Exception {
        Login login = login("alice");
        Http.Response me = me(login.access());
        assertEquals(200, me.status(), me::toString);
        assertEquals("alice", me.text("name"));
        assertUnauthorized(get(server.url("/api/me"), Map.of()));

        Http.Response rotated = refresh(login.refresh());
        assertEquals(200, rotated.status(), rotated::toString);
        assertNull(rotated.json().get("refresh_token"));
        String next = SetCookie.exactly(rotated, "refreshToken").get("refreshToken").assertSet(14 * 86400, REFRESH_COOKIE);
        assertNotEquals(login.refresh(), next);
        assertEquals(200, me(rotated.text("access_token")).status());
    }

    @Test
    void theWarsBootClassIsNotServedWhateverTheDescriptor() {
        Http.Response r = get(server.url("/dev/signoff/boot/Boot.class"), Map.of());
        assertEquals(404, r.status(), r::toString);
    }

    @Test
    void theCurlExampleLogsOutAndBothTokensDieAtOnce() throws Exception {
        Login login = login("bob");
        String sid = me(login.access()).text("session");
        Http.Response logout = logout(login.access());
        assertEquals(200, logout.status(), logout::toString);
        assertJson("{\"message\":\"Logout Success\",\"success\":true}", logout);
        SetCookie.exactly(logout, "refreshToken").get("refreshToken").assertCleared(REFRESH_COOKIE);

        assertUnauthorized(me(login.access()));
        Http.Response refused = refresh(login.refresh());
        assertEquals(401, refused.status(), refused::toString);
        assertNotNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", sid), "the login is ended in the database");
        assertEquals(0L, ((Number) db.value("SELECT COUNT(*) FROM signoff_refresh_token WHERE session_id = ? AND consumed_at IS NULL",
                sid)).longValue(), "no usable refresh token is left");

        Http.Response again = logout(login.access());
        assertUnauthorized(again);
        assertTrue(again.setCookies().isEmpty(), "a refused logout keeps the cookie: " + again);
    }

    @Test
    void logoutEndsThisLoginOnlyAndALaterLoginWorks() throws Exception {
        Login laptop = login("carol");
        Login phone = login("carol");
        assertEquals(200, logout(laptop.access()).status());
        assertEquals(200, me(phone.access()).status(), "the other device keeps its login");
        assertEquals(200, refresh(phone.refresh()).status());
        Login fresh = login("carol");
        assertEquals(200, me(fresh.access()).status());
    }

    @Test
    void everyRequestWithoutAValidAccessTokenIsUnauthorizedAndKeepsTheCookie() throws Exception {
        Login login = login("dave");
        String sid = me(login.access()).text("session");
        Instant past = Instant.now().minusSeconds(3600);
        String expired = Tokens.sign(Tokens.claims("dave", sid).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(900))).build());
        String wrongKey = Tokens.sign(Tokens.claims("dave", sid).build(), "another-secret-0123456789-abcdefghijkl", h -> h);
        Map<String, Map<String, String>> requests = new LinkedHashMap<>();
        requests.put("no Authorization header", Map.of());
        requests.put("a token that is no JWT", bearer("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"));
        requests.put("a JWT signed with another key", bearer(wrongKey));
        requests.put("an expired JWT", bearer(expired));
        requests.put("a malformed header", Map.of("Authorization", "Bearer a b"));
        requests.put("another scheme", Map.of("Authorization", "Basic YWxpY2U6YWxpY2UtcHc="));
        for (Map.Entry<String, Map<String, String>> request : requests.entrySet()) {
            Map<String, String> headers = new LinkedHashMap<>(request.getValue());
            headers.put("Cookie", "refreshToken=" + login.refresh());
            Http.Response r = post(server.url("/api/logout"), null, headers);
            assertEquals(401, r.status(), request.getKey() + ": " + r);
            assertJson("{\"message\":\"Unauthorized\"}", r);
            assertTrue(r.setCookies().isEmpty(), request.getKey() + " keeps the refresh cookie: " + r);
        }
        assertNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", sid), "nothing was ended");

        // the client refreshes with the cookie it kept, and logs out with the new access token
        Http.Response rotated = refresh(login.refresh());
        assertEquals(200, rotated.status(), rotated::toString);
        Http.Response logout = logout(rotated.text("access_token"));
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(401, refresh(rotated.cookieValue("refreshToken")).status());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheDatabaseIsUnreachableTheLogoutAnswers500AndStillClearsTheCookie() throws Exception {
        Login login = login("alice");
        String sid = me(login.access()).text("session");
        db.stop();

        Http.Response logout = logout(login.access());
        assertEquals(500, logout.status(), logout::toString);
        assertJson("{\"error\":\"Internal server Error\"}", logout);
        assertFalse(logout.body().contains("Success"), "no success is claimed");
        SetCookie.exactly(logout, "refreshToken").get("refreshToken").assertCleared(REFRESH_COOKIE);
        assertUnauthorized(me(login.access()));
        assertNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", sid),
                "the database still holds the login as live, which is why the answer is no success");
        assertEquals(1L, ((Number) db.value("SELECT COUNT(*) FROM signoff_refresh_token WHERE token_hash = ? AND consumed_at IS NULL",
                Ids.hash(login.refresh()))).longValue());
    }
}
