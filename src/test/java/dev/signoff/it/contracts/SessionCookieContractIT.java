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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.it.Http;
import dev.signoff.it.SetCookie;
import dev.signoff.it.SignoffServer;
import dev.signoff.it.Waits;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Contract {@code session-cookie} ({@code --contract session-cookie}): {@code POST /api/auth/logout} with the
 * container's session cookie, renamed {@code auth_session}, answered with a bare JSON {@code true} or {@code false}.
 * The database outage runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionCookieContractIT {

    static final Map<String, String> SESSION_COOKIE = Map.of("Path", "/", "HttpOnly", "", "SameSite", "Lax");

    private static ContractDatabase db;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = ContractDatabase.start("contract_session_cookie");
        server = db.startWar(Map.of(), "session-cookie");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
    }

    /** The session cookie a browser holds after login, and the login session it carries. */
    record Login(String session, String sid) {
    }

    static Login login(String user) {
        Http.Response r = post(server.url("/api/auth/login"), credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        assertEquals(user, r.text("user"));
        assertNull(r.json().get("access_token"), "the tokens stay on the server");
        SetCookie set = SetCookie.exactly(r, "auth_session").get("auth_session");
        assertEquals(SESSION_COOKIE, set.attributes(), "a browser-session cookie, HttpOnly");
        Http.Response me = me(set.value());
        assertEquals(200, me.status(), me::toString);
        assertEquals(user, me.text("name"));
        return new Login(set.value(), me.text("session"));
    }

    static Http.Response me(String session) {
        return get(server.url("/api/auth/me"), cookie("auth_session=" + session));
    }

    static Http.Response refresh(String session) {
        return post(server.url("/api/auth/refresh"), null, cookie("auth_session=" + session));
    }

    static Http.Response logout(String session) {
        // curl -X POST -b "auth_session=your-session-cookie-here" https://neptun-webui.vercel.app/api/auth/logout
        return post(server.url("/api/auth/logout"), null, cookie("auth_session=" + session));
    }

    /** 200 with the bare JSON boolean {@code expected}, and the session cookie cleared with its attributes. */
    static void assertAnswered(boolean expected, Http.Response logout) {
        assertEquals(200, logout.status(), logout::toString);
        JsonNode body = logout.json();
        assertTrue(body.isBoolean(), () -> "a bare JSON boolean: " + logout.body());
        assertEquals(expected, body.booleanValue(), logout::toString);
        SetCookie.exactly(logout, "auth_session").get("auth_session").assertCleared(SESSION_COOKIE);
    }

    @Test
    void loginRefreshAndMeWorkOnTheSessionCookieAlone() {
        Login login = login("alice");
        assertEquals(401, get(server.url("/api/auth/me"), Map.of()).status());

        Http.Response refreshed = refresh(login.session());
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertNull(refreshed.json().get("refresh_token"));
        SetCookie renewed = SetCookie.exactly(refreshed, "auth_session").get("auth_session");
        assertEquals(SESSION_COOKIE, renewed.attributes());
        assertNotEquals(login.session(), renewed.value(), "the session id changes at each refresh");
        assertEquals(401, me(login.session()).status(), "the old session id is dead");
        assertEquals(login.sid(), me(renewed.value()).text("session"), "the same login goes on");
        assertEquals(401, refresh(login.session()).status());
    }

    @Test
    void theCurlExampleEndsTheSessionAndAnswersTrue() throws Exception {
        Login login = login("bob");
        assertAnswered(true, logout(login.session()));

        assertEquals(401, me(login.session()).status(), "the session is invalidated");
        Http.Response refused = refresh(login.session());
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("invalid_grant", refused.text("error"));
        assertNotNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", login.sid()), "the login is ended in the database");
        assertEquals(0L, ((Number) db.value("SELECT COUNT(*) FROM signoff_refresh_token WHERE session_id = ? AND consumed_at IS NULL",
                login.sid())).longValue());

        assertAnswered(false, logout(login.session()));
    }

    @Test
    void theCurlExampleWithItsPlaceholderCookieAnswersFalse() {
        assertAnswered(false, logout("your-session-cookie-here"));
    }

    @Test
    void theHttpxAndFetchExamplesReadABoolean() {
        Login login = login("carol");
        // httpx: client.post(url, cookies={"auth_session": ...}); response.raise_for_status(); return response.json()
        Http.Response httpx = post(server.url("/api/auth/logout"), null, Map.of("Cookie", "auth_session=" + login.session(),
                "Accept", "*/*", "User-Agent", "python-httpx/0.27.0"));
        assertAnswered(true, httpx);

        // fetch(url, { method: 'POST', credentials: 'include' }) without a session cookie: !response.ok, so false
        Http.Response fetch = post(server.url("/api/auth/logout"), null, Map.of("Accept", "*/*"));
        assertEquals(401, fetch.status(), fetch::toString);
        assertFalse(fetch.json().isBoolean());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheDatabaseIsUnreachableTheLogoutAnswers500AndStillEndsTheSession() {
        Login login = login("alice");
        db.stop();

        Http.Response logout = logout(login.session());
        assertEquals(500, logout.status(), logout::toString);
        assertTrue(logout.json().isObject(), "neither true nor false: " + logout.body());
        assertEquals("server_error", logout.text("error"));
        SetCookie.exactly(logout, "auth_session").get("auth_session").assertCleared(SESSION_COOKIE);
        assertEquals(401, me(login.session()).status(), "the HttpSession is invalidated anyway");
    }
}
