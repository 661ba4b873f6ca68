package dev.signoff.servers;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.cookie;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.Http;
import dev.signoff.it.SetCookie;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The unchanged signoff.war in the server of the active profile, configured by that server's server-config folder:
 * the login goes through the server's own realm, the tokens live in its JNDI DataSource.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerLifecycleIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.signoffWar();
    }

    @ArquillianResource
    private URL base;

    private String url(String path) {
        return base.toExternalForm().replaceAll("/$", "") + path;
    }

    /** The context path the server gave the war, such as {@code /signoff}. */
    private String contextPath() {
        return base.getPath().replaceAll("/$", "");
    }

    private Http.Response login(String user, String password) {
        Http.Response r = post(url("/auth/login"), credentials(user, password), json());
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    private Http.Response me(String accessToken) {
        return get(url("/api/me"), bearer(accessToken));
    }

    private Http.Response refresh(String refreshToken) {
        return post(url("/auth/refresh"), "{\"refresh_token\":\"" + refreshToken + "\"}", json());
    }

    @Test
    void loginThroughTheRealmThenMeRefreshLogoutAndEveryOldTokenIsRefused() {
        Http.Response login = login(Users.ALICE, Users.ALICE_PASSWORD);
        assertEquals("alice", login.text("user"));
        String access = login.text("access_token");
        String refresh = login.text("refresh_token");
        SetCookie accessCookie = SetCookie.last(login, "signoff_access");
        SetCookie refreshCookie = SetCookie.last(login, "signoff_refresh");
        assertEquals(access, accessCookie.value());
        assertEquals(refresh, refreshCookie.value());
        String root = contextPath().isEmpty() ? "/" : contextPath();
        assertEquals(root, accessCookie.path(), "the access cookie covers the application, not the host");
        assertEquals(contextPath() + "/auth", refreshCookie.path(), "the refresh cookie reaches the application's /auth");

        Http.Response me = me(access);
        assertEquals(200, me.status(), me::toString);
        assertEquals("alice", me.text("name"));
        assertEquals("[\"admin\",\"user\"]", me.json().get("roles").toString(), "roles come from the server's realm");

        Http.Response rotated = refresh(refresh);
        assertEquals(200, rotated.status(), rotated::toString);
        String access2 = rotated.text("access_token");
        String refresh2 = rotated.text("refresh_token");
        assertNotEquals(refresh, refresh2);
        assertEquals(200, me(access2).status());

        Http.Response logout = post(url("/auth/logout"), null, bearer(access2));
        assertEquals(200, logout.status(), logout::toString);
        assertEquals("{\"message\":\"Logged out\"}", logout.body());
        assertEquals("no-store", logout.header("Cache-Control").orElseThrow());
        for (SetCookie set : new SetCookie[] {accessCookie, refreshCookie}) {
            SetCookie cleared = SetCookie.last(logout, set.name());
            assertTrue(cleared.deletes(), cleared::toString);
            assertEquals(set.scope(), cleared.scope(), "cleared with exactly the attributes it was set with");
        }

        for (String token : new String[] {access, access2}) {
            Http.Response refused = me(token);
            assertEquals(401, refused.status(), refused::toString);
            assertEquals("Bearer realm=\"signoff\", error=\"invalid_token\"", refused.header("WWW-Authenticate").orElseThrow());
        }
        for (String token : new String[] {refresh, refresh2}) {
            Http.Response refused = refresh(token);
            assertEquals(401, refused.status(), refused::toString);
            assertEquals("invalid_grant", refused.text("error"));
        }
        assertEquals(401, post(url("/auth/logout"), null, bearer(access2)).status(), "a second logout finds no live login");
    }

    @Test
    void theRealmRefusesWrongPasswordsAndUnknownUsers() {
        for (String[] attempt : new String[][] {{Users.ALICE, "not-her-password"}, {"mallory", "anything"}}) {
            Http.Response r = post(url("/auth/login"), credentials(attempt[0], attempt[1]), json());
            assertEquals(401, r.status(), r::toString);
            assertEquals("invalid_credentials", r.text("error"));
        }
        Http.Response bob = login(Users.BOB, Users.BOB_PASSWORD);
        assertEquals("[\"user\"]", me(bob.text("access_token")).json().get("roles").toString());
    }

    @Test
    void logoutAllEndsEveryLoginOfTheUserAndALaterLoginWorks() {
        Http.Response laptop = login(Users.BOB, Users.BOB_PASSWORD);
        Http.Response phone = login(Users.BOB, Users.BOB_PASSWORD);
        Http.Response phoneRotated = refresh(phone.text("refresh_token"));
        assertEquals(200, phoneRotated.status(), phoneRotated::toString);

        Http.Response all = post(url("/auth/logout-all"), null, bearer(laptop.text("access_token")));
        assertEquals(200, all.status(), all::toString);
        for (String token : new String[] {laptop.text("access_token"), phone.text("access_token"), phoneRotated.text("access_token")}) {
            assertEquals(401, me(token).status());
        }
        assertEquals(401, refresh(laptop.text("refresh_token")).status());
        assertEquals(401, refresh(phoneRotated.text("refresh_token")).status());

        Http.Response fresh = login(Users.BOB, Users.BOB_PASSWORD);
        assertEquals(200, me(fresh.text("access_token")).status(), "a login after the logout is a new session");
    }

    @Test
    void logoutOfOneSessionLeavesTheUsersOtherSessionAlive() {
        Http.Response laptop = login(Users.ALICE, Users.ALICE_PASSWORD);
        Http.Response phone = login(Users.ALICE, Users.ALICE_PASSWORD);
        assertEquals(200, post(url("/auth/logout"), null, bearer(laptop.text("access_token"))).status());
        assertEquals(401, me(laptop.text("access_token")).status());
        assertEquals(200, me(phone.text("access_token")).status());
        assertEquals(200, refresh(phone.text("refresh_token")).status());
    }

    @Test
    void theCookiesAuthenticateAndTheRefreshCookieAloneLogsOut() {
        Http.Response login = login(Users.ALICE, Users.ALICE_PASSWORD);
        String access = SetCookie.last(login, "signoff_access").value();
        String refresh = SetCookie.last(login, "signoff_refresh").value();
        assertEquals(200, get(url("/api/me"), cookie("signoff_access=" + access)).status());
        Http.Response rotated = post(url("/auth/refresh"), null, cookie("signoff_refresh=" + refresh));
        assertEquals(200, rotated.status(), rotated::toString);
        Http.Response logout = post(url("/auth/logout"), null, cookie("signoff_refresh=" + SetCookie.last(rotated, "signoff_refresh").value()));
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(401, get(url("/api/me"), cookie("signoff_access=" + SetCookie.last(rotated, "signoff_access").value())).status());
        assertEquals(401, me(access).status());
    }

    @Test
    void aTokenLoginLeavesNoContainerSessionBehind() {
        Http.Response login = login(Users.BOB, Users.BOB_PASSWORD);
        for (SetCookie session : SetCookie.all(login, "JSESSIONID")) {
            assertTrue(session.deletes(), () -> "the server's own login left a live session: " + login.setCookies());
        }
    }

    @Test
    void errorsAreAnsweredAsJson() {
        Http.Response unknown = get(url("/no/such/path"), Map.of());
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("not_found", unknown.text("error"));
        Http.Response wrongMethod = get(url("/auth/logout"), Map.of());
        assertEquals(405, wrongMethod.status(), wrongMethod::toString);
        assertEquals("POST", wrongMethod.header("Allow").orElseThrow());
        Http.Response malformed = get(url("/api/me"), Map.of("Authorization", "Bearer not a token"));
        assertEquals(400, malformed.status(), malformed::toString);
        assertEquals("invalid_request", malformed.text("error"));
        Http.Response anonymous = get(url("/api/me"), Map.of());
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertEquals("unauthorized", anonymous.text("error"));
    }
}
