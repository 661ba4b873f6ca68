package dev.signoff.servers;

import static dev.signoff.it.Http.cookie;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.Http;
import dev.signoff.it.SetCookie;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two existing logout contracts, each reproduced by a web.xml alone (src/server-test/resources/contracts) over the
 * built war's classes and libraries, in the server of the active profile with its realm and DataSource.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContractsIT {

    @Deployment(name = "cookie", testable = false)
    static WebArchive cookieLogout() {
        return Deployments.withDescriptor("cookie-logout.war", "contracts/cookie-logout.xml");
    }

    @Deployment(name = "session", testable = false)
    static WebArchive sessionLogout() {
        return Deployments.withDescriptor("session-logout.war", "contracts/session-logout.xml");
    }

    @ArquillianResource
    @OperateOnDeployment("cookie")
    private URL cookieBase;

    @ArquillianResource
    @OperateOnDeployment("session")
    private URL sessionBase;

    private static String url(URL base, String path) {
        return base.toExternalForm().replaceAll("/$", "") + path;
    }

    @Test
    @OperateOnDeployment("cookie")
    void theRefreshCookieLogsOutAndTheAnswerIsAlways200() {
        URL base = cookieBase;
        Http.Response login = post(url(base, "/auth/login"), credentials(Users.ALICE, Users.ALICE_PASSWORD), json());
        assertEquals(200, login.status(), login::toString);
        assertEquals("{\"user\":\"alice\"}", login.body(), "the tokens travel in cookies only");
        SetCookie access = SetCookie.last(login, "accessToken");
        SetCookie refresh = SetCookie.last(login, "refreshToken");
        String root = base.getPath().replaceAll("/$", "");
        assertEquals(root.isEmpty() ? "/" : root, access.path());
        assertEquals(access.path(), refresh.path());
        assertEquals(200, get(url(base, "/api/me"), cookie("accessToken=" + access.value())).status());

        String done = "{\"message\":\"Logged out successfully\"}";
        Http.Response logout = post(url(base, "/auth/logout"), "{}", Map.of("Content-Type", "application/json",
                "Cookie", "refreshToken=" + refresh.value()));
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(done, logout.body());
        for (SetCookie set : List.of(access, refresh)) {
            for (SetCookie cleared : SetCookie.all(logout, set.name())) {
                assertTrue(cleared.deletes(), cleared::toString);
                assertEquals(set.scope(), cleared.scope(), "cleared with exactly the attributes it was set with");
            }
            assertFalse(SetCookie.all(logout, set.name()).isEmpty(), set.name() + " is cleared");
        }

        assertEquals(401, get(url(base, "/api/me"), cookie("accessToken=" + access.value())).status(),
                "the access token of the ended login is refused at once");
        assertEquals(401, post(url(base, "/auth/refresh"), null, cookie("refreshToken=" + refresh.value())).status());

        Http.Response again = post(url(base, "/auth/logout"), null, cookie("refreshToken=" + refresh.value()));
        assertEquals(200, again.status(), "a dead refresh token still gets 200");
        assertEquals(done, again.body());
        assertTrue(SetCookie.last(again, "refreshToken").deletes(), "and its cookies cleared again");
        Http.Response none = post(url(base, "/auth/logout"), null, Map.of());
        assertEquals(200, none.status(), "no cookie at all: 200 as well");
        assertEquals(done, none.body());
    }

    @Test
    @OperateOnDeployment("session")
    void theSessionCookieLogsOutWithTrueThenFalseAnd401WithoutACookie() {
        URL base = sessionBase;
        Http.Response login = post(url(base, "/api/auth/login"), credentials(Users.BOB, Users.BOB_PASSWORD), json());
        assertEquals(200, login.status(), login::toString);
        SetCookie session = SetCookie.last(login, "auth_session");
        assertFalse(session.deletes(), login::toString);
        String sessionCookie = "auth_session=" + session.value();
        Http.Response me = get(url(base, "/api/me"), cookie(sessionCookie));
        assertEquals(200, me.status(), me::toString);
        assertEquals("bob", me.text("name"));

        Http.Response logout = post(url(base, "/api/auth/logout"), null, cookie(sessionCookie));
        assertEquals(200, logout.status(), logout::toString);
        assertEquals("true", logout.body());
        List<SetCookie> cleared = SetCookie.all(logout, "auth_session");
        assertFalse(cleared.isEmpty(), logout::toString);
        for (SetCookie c : cleared) {
            assertTrue(c.deletes(), c::toString);
            assertEquals(session.scope(), c.scope(), "cleared with exactly the attributes the server set it with");
        }

        assertEquals(401, get(url(base, "/api/me"), cookie(sessionCookie)).status(), "the session is gone");
        Http.Response again = post(url(base, "/api/auth/logout"), null, cookie(sessionCookie));
        assertEquals(200, again.status(), again::toString);
        assertEquals("false", again.body(), "no active session any more");
        Http.Response none = post(url(base, "/api/auth/logout"), null, Map.of());
        assertEquals(401, none.status(), none::toString);
        assertEquals("No valid session cookie provided", none.text("message"));
    }
}
