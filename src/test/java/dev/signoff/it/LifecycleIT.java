package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.cookie;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token lifecycle over real HTTP against the built war in embedded Jetty, on the database under test. */
class LifecycleIT {

    private static TestDatabase db;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("lifecycle");
        server = SignoffServer.start("--db", db.url(),
                "--user", "alice:alice-pw:user,admin", "--user", "bob:bob-pw", "--user", "erin:erin-pw",
                "--set", "signoff.secret=" + Tokens.SECRET, "--set", "signoff.refresh-reuse-grace=2s");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
    }

    static Http.Response login(String user, String password) {
        Http.Response r = post(server.url("/auth/login"), credentials(user, password), json());
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    static Http.Response me(String accessToken) {
        return get(server.url("/api/me"), bearer(accessToken));
    }

    static Http.Response refresh(String refreshToken) {
        return post(server.url("/auth/refresh"), "{\"refresh_token\":\"" + refreshToken + "\"}", json());
    }

    @Test
    void loginMeRefreshLogoutAndTheOldTokensFailAtOnce() {
        Http.Response login = login("alice", "alice-pw");
        assertEquals("Bearer", login.text("token_type"));
        assertEquals(900, login.json().get("expires_in").asInt());
        String access = login.text("access_token");
        String refresh = login.text("refresh_token");
        assertEquals(access, login.cookieValue("signoff_access"));
        assertEquals(refresh, login.cookieValue("signoff_refresh"));
        assertTrue(login.setCookie("signoff_refresh").contains("; Path=/auth; HttpOnly; SameSite=Strict"), login::toString);

        Http.Response me = me(access);
        assertEquals(200, me.status(), me::toString);
        assertEquals("alice", me.text("name"));
        assertEquals("[\"admin\",\"user\"]", me.json().get("roles").toString());

        Http.Response rotated = refresh(refresh);
        assertEquals(200, rotated.status(), rotated::toString);
        String access2 = rotated.text("access_token");
        String refresh2 = rotated.text("refresh_token");
        assertNotEquals(refresh, refresh2);
        assertEquals(200, me(access2).status());

        Http.Response logout = post(server.url("/auth/logout"), null, bearer(access2));
        assertEquals(200, logout.status(), logout::toString);
        assertEquals("{\"message\":\"Logged out\"}", logout.body());
        assertEquals("no-store", logout.header("Cache-Control").orElseThrow());
        assertEquals("signoff_access=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax",
                logout.setCookie("signoff_access"));
        assertEquals("signoff_refresh=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/auth; HttpOnly; SameSite=Strict",
                logout.setCookie("signoff_refresh"));
        assertTrue(logout.setCookie("JSESSIONID").contains("Max-Age=0"), logout::toString);

        for (String token : new String[] {access, access2}) {
            Http.Response refused = me(token);
            assertEquals(401, refused.status(), refused::toString);
            assertEquals("Bearer realm=\"signoff\", error=\"invalid_token\"", refused.header("WWW-Authenticate").orElseThrow());
            assertEquals("unauthorized", refused.text("error"));
        }
        for (String token : new String[] {refresh, refresh2}) {
            Http.Response refused = refresh(token);
            assertEquals(401, refused.status(), refused::toString);
            assertEquals("invalid_grant", refused.text("error"));
        }
        Http.Response again = post(server.url("/auth/logout"), null, bearer(access2));
        assertEquals(401, again.status(), "a second logout finds no live login");
        assertTrue(again.setCookies().size() >= 2, "cookies are cleared even then");
    }

    @Test
    void logoutOfOneSessionLeavesTheUsersOtherSessionAlive() {
        Http.Response laptop = login("bob", "bob-pw");
        Http.Response phone = login("bob", "bob-pw");
        assertEquals(200, post(server.url("/auth/logout"), null, bearer(laptop.text("access_token"))).status());
        assertEquals(401, me(laptop.text("access_token")).status());
        assertEquals(401, refresh(laptop.text("refresh_token")).status());
        assertEquals(200, me(phone.text("access_token")).status());
        Http.Response phoneRefresh = refresh(phone.text("refresh_token"));
        assertEquals(200, phoneRefresh.status());
        assertEquals(200, me(phoneRefresh.text("access_token")).status());
    }

    @Test
    void logoutOnAllDevicesKillsEverySessionAndALaterLoginWorks() {
        Http.Response laptop = login("alice", "alice-pw");
        Http.Response phone = login("alice", "alice-pw");
        Http.Response phoneRotated = refresh(phone.text("refresh_token"));
        Http.Response all = post(server.url("/auth/logout-all"), null, bearer(laptop.text("access_token")));
        assertEquals(200, all.status(), all::toString);
        for (String token : new String[] {laptop.text("access_token"), phone.text("access_token"), phoneRotated.text("access_token")}) {
            assertEquals(401, me(token).status());
        }
        assertEquals(401, refresh(laptop.text("refresh_token")).status());
        assertEquals(401, refresh(phoneRotated.text("refresh_token")).status());
        Http.Response fresh = login("alice", "alice-pw");
        assertEquals(200, me(fresh.text("access_token")).status(), "a login after the logout is a new session");
        assertEquals(200, refresh(fresh.text("refresh_token")).status());
    }

    @Test
    void replayInsideTheGraceWindowIsServedAndAfterItRevokesTheSession() throws InterruptedException {
        Http.Response login = login("bob", "bob-pw");
        String original = login.text("refresh_token");
        Http.Response first = refresh(original);
        Http.Response concurrentTab = refresh(original);
        assertEquals(200, first.status());
        assertEquals(200, concurrentTab.status(), "a second tab refreshing with the same token at once");
        Thread.sleep(2_500);
        Http.Response replay = refresh(original);
        assertEquals(401, replay.status(), replay::toString);
        assertEquals(401, refresh(first.text("refresh_token")).status(), "reuse detection ended the whole session");
        assertEquals(401, me(first.text("access_token")).status());
        assertEquals(401, me(login.text("access_token")).status());
    }

    @Test
    void cookiesAuthenticateAndTheRefreshCookieAloneLogsOut() {
        Http.Response login = login("alice", "alice-pw");
        String access = login.cookieValue("signoff_access");
        String refresh = login.cookieValue("signoff_refresh");
        assertEquals(200, get(server.url("/api/me"), cookie("signoff_access=" + access)).status());
        Http.Response rotated = post(server.url("/auth/refresh"), null, cookie("signoff_refresh=" + refresh));
        assertEquals(200, rotated.status(), rotated::toString);
        Http.Response logout = post(server.url("/auth/logout"), null, cookie("signoff_refresh=" + rotated.cookieValue("signoff_refresh")));
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(401, get(server.url("/api/me"), cookie("signoff_access=" + rotated.cookieValue("signoff_access"))).status());
        assertEquals(401, me(access).status());
    }

    @Test
    void anExpiredAccessTokenStillIdentifiesItsSessionForLogout() {
        // erin is never logged out on all devices here: a token issued an hour ago would predate that and be refused

        Http.Response login = login("erin", "erin-pw");
        String sid = me(login.text("access_token")).text("session");
        Instant past = Instant.now().minusSeconds(3600);
        String expired = Tokens.sign(Tokens.claims("erin", sid).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(900))).build());
        assertEquals(401, me(expired).status());
        assertEquals(200, post(server.url("/auth/logout"), null, bearer(expired)).status());
        assertEquals(401, refresh(login.text("refresh_token")).status());
        assertEquals(401, me(login.text("access_token")).status());
    }

    @Test
    void logoutTakesPostOnly() {
        for (String method : new String[] {"GET", "PUT", "DELETE"}) {
            Http.Response r = Http.send(method, server.url("/auth/logout"), null, Map.of());
            assertEquals(405, r.status(), r::toString);
            assertEquals("POST", r.header("Allow").orElseThrow());
            assertEquals("method_not_allowed", r.text("error"));
        }
    }
}
