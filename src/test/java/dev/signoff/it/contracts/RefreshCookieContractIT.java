package dev.signoff.it.contracts;

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

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.it.Http;
import dev.signoff.it.SetCookie;
import dev.signoff.it.SignoffServer;
import dev.signoff.it.Waits;
import dev.signoff.token.Ids;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Contract {@code refresh-cookie} ({@code --contract refresh-cookie}): {@code POST /auth/logout} with the HttpOnly
 * cookies {@code accessToken} and {@code refreshToken}, answered 200 and clearing both whatever they hold. The
 * database outage runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefreshCookieContractIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String LOGGED_OUT = "{\"message\":\"Logged out successfully\"}";
    static final Map<String, String> ACCESS_COOKIE = Map.of("Path", "/", "HttpOnly", "", "SameSite", "Lax");
    static final Map<String, String> REFRESH_COOKIE = Map.of("Path", "/", "HttpOnly", "", "SameSite", "Strict");

    private static ContractDatabase db;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = ContractDatabase.start("contract_refresh_cookie");
        server = db.startWar(Map.of(), "refresh-cookie");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
    }

    /** The two cookies a browser holds after login, and the login session they belong to. */
    record Login(String access, String refresh, String sid) {

        String cookies() {
            return "accessToken=" + access + "; refreshToken=" + refresh;
        }
    }

    static Login login(String user) {
        Http.Response r = post(server.url("/auth/login"), credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        assertEquals(user, r.text("user"));
        assertNull(r.json().get("access_token"), "the tokens travel only in their HttpOnly cookies");
        Map<String, SetCookie> cookies = SetCookie.exactly(r, "accessToken", "refreshToken");
        String access = cookies.get("accessToken").assertSet(900, ACCESS_COOKIE);
        String refresh = cookies.get("refreshToken").assertSet(14 * 86400, REFRESH_COOKIE);
        Http.Response me = me(access);
        assertEquals(200, me.status(), me::toString);
        return new Login(access, refresh, me.text("session"));
    }

    static Http.Response me(String accessToken) {
        return get(server.url("/auth/me"), cookie("accessToken=" + accessToken));
    }

    static Http.Response refresh(String refreshToken) {
        return post(server.url("/auth/refresh"), null, cookie("refreshToken=" + refreshToken));
    }

    /** The answer every logout gets, whatever the cookies held: 200, the message, both cookies cleared. */
    static void assertLoggedOut(Http.Response logout) throws Exception {
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(JSON.readTree(LOGGED_OUT), logout.json(), logout::toString);
        Map<String, SetCookie> cleared = SetCookie.exactly(logout, "accessToken", "refreshToken");
        cleared.get("accessToken").assertCleared(ACCESS_COOKIE);
        cleared.get("refreshToken").assertCleared(REFRESH_COOKIE);
    }

    /** The login is over: its access token is refused, its refresh token too, and the database says so. */
    static void assertEnded(Login login) throws Exception {
        assertEquals(401, me(login.access()).status(), "the access token is dead at once");
        Http.Response refused = refresh(login.refresh());
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("invalid_grant", refused.text("error"));
        assertNotNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", login.sid()));
        assertEquals(0L, ((Number) db.value("SELECT COUNT(*) FROM signoff_refresh_token WHERE session_id = ? AND consumed_at IS NULL",
                login.sid())).longValue(), "the refresh token is removed");
    }

    @Test
    void loginRefreshAndMeServeTheCookiesTheContractExpects() {
        Login login = login("alice");
        assertEquals("alice", me(login.access()).text("name"));
        assertEquals(401, get(server.url("/auth/me"), Map.of()).status());
        Http.Response rotated = refresh(login.refresh());
        assertEquals(200, rotated.status(), rotated::toString);
        Map<String, SetCookie> cookies = SetCookie.exactly(rotated, "accessToken", "refreshToken");
        assertEquals(200, me(cookies.get("accessToken").assertSet(900, ACCESS_COOKIE)).status());
        assertNotEquals(login.refresh(), cookies.get("refreshToken").assertSet(14 * 86400, REFRESH_COOKIE));
    }

    @Test
    void theCurlExampleWithTheRefreshCookieAloneEndsTheLogin() throws Exception {
        Login login = login("bob");
        // curl -X POST http://localhost:3000/auth/logout -H "Content-Type: application/json" --cookie "refreshToken=<valid_refresh_token>"
        Http.Response logout = post(server.url("/auth/logout"), null,
                Map.of("Content-Type", "application/json", "Cookie", "refreshToken=" + login.refresh()));
        assertLoggedOut(logout);
        assertEnded(login);
    }

    @Test
    void theAxiosExampleWithBothCookiesEndsTheLogin() throws Exception {
        Login login = login("carol");
        // axios.post("http://localhost:3000/auth/logout", {}, { withCredentials: true })
        Http.Response logout = post(server.url("/auth/logout"), "{}", Map.of("Content-Type", "application/json",
                "Accept", "application/json, text/plain, */*", "Cookie", login.cookies()));
        assertLoggedOut(logout);
        assertEnded(login);
    }

    @Test
    void noUnknownExpiredOrRevokedRefreshTokenStillGets200AndClearedCookies() throws Exception {
        Login expired = login("dave");
        assertEquals(1, db.update("UPDATE signoff_refresh_token SET expires_at = 1 WHERE token_hash = ?", Ids.hash(expired.refresh())));
        assertEquals(1, db.update("UPDATE signoff_session SET expires_at = 1 WHERE id = ?", expired.sid()));
        assertEquals(401, refresh(expired.refresh()).status(), "the refresh token has expired");
        Login revoked = login("dave");
        assertLoggedOut(post(server.url("/auth/logout"), null, cookie(revoked.cookies())));

        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("no cookie", null);
        cases.put("an unknown refresh token", "refreshToken=" + Ids.newRefreshToken());
        cases.put("a refresh token that is no token", "refreshToken=<valid_refresh_token>");
        cases.put("an expired refresh token", "refreshToken=" + expired.refresh());
        cases.put("an already revoked refresh token", "refreshToken=" + revoked.refresh());
        cases.put("both cookies of an already ended login", revoked.cookies());
        cases.put("an access token that is no JWT", "accessToken=garbage");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Map<String, String> headers = new LinkedHashMap<>(json());
            if (c.getValue() != null) {
                headers.put("Cookie", c.getValue());
            }
            Http.Response logout = post(server.url("/auth/logout"), "{}", headers);
            try {
                assertLoggedOut(logout);
            } catch (AssertionError e) {
                throw new AssertionError(c.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheDatabaseIsUnreachableTheLogoutAnswers500AndStillClearsTheCookies() throws Exception {
        Login login = login("alice");
        Login other = login("bob");
        db.stop();

        Http.Response logout = post(server.url("/auth/logout"), "{}", Map.of("Content-Type", "application/json", "Cookie", login.cookies()));
        assertEquals(500, logout.status(), logout::toString);
        assertEquals(JSON.readTree("{\"error\":\"Error logging out\"}"), logout.json());
        assertFalse(logout.body().contains("Logged out"), "no success is claimed");
        Map<String, SetCookie> cleared = SetCookie.exactly(logout, "accessToken", "refreshToken");
        cleared.get("accessToken").assertCleared(ACCESS_COOKIE);
        cleared.get("refreshToken").assertCleared(REFRESH_COOKIE);
        assertEquals(401, me(login.access()).status(), "this node refuses the access token at once anyway");
        assertNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", login.sid()),
                "the database still holds the login as live, which is why the answer is no success");

        // the refresh cookie alone needs the database to find its login
        Http.Response byRefresh = post(server.url("/auth/logout"), null, Map.of("Content-Type", "application/json",
                "Cookie", "refreshToken=" + other.refresh()));
        assertEquals(500, byRefresh.status(), byRefresh::toString);
        assertEquals(JSON.readTree("{\"error\":\"Error logging out\"}"), byRefresh.json());
        SetCookie.exactly(byRefresh, "accessToken", "refreshToken").get("refreshToken").assertCleared(REFRESH_COOKIE);
        assertNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", other.sid()));
    }
}
