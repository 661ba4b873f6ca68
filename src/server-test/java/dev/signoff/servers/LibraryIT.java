package dev.signoff.servers;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.Http;
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
 * Signoff as a library: an application war of its own (src/server-test/resources/library/web.xml) with
 * signoff-classes.jar and its dependencies, in the server of the active profile. Its own event listener
 * ({@code signoff.listeners}) hears the logins and logouts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LibraryIT {

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.libraryApp("greetings.war");
    }

    @ArquillianResource
    private URL base;

    private String url(String path) {
        return base.toExternalForm().replaceAll("/$", "") + path;
    }

    @Test
    void theApplicationsOwnServletIsProtectedAndLogoutEndsTheLogin() {
        Http.Response anonymous = get(url("/greetings/hello"), Map.of());
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertEquals("unauthorized", anonymous.text("error"));

        Http.Response login = post(url("/session/sign-in"), credentials(Users.ALICE, Users.ALICE_PASSWORD), json());
        assertEquals(200, login.status(), login::toString);
        String token = login.text("access_token");

        Http.Response greeting = get(url("/greetings/hello"), bearer(token));
        assertEquals(200, greeting.status(), greeting::toString);
        assertEquals("hello alice", greeting.text("greeting"));
        assertEquals("true", greeting.text("admin"), "the filter answers isUserInRole with the realm's roles");

        Http.Response logout = post(url("/session/sign-out"), null, bearer(token));
        assertEquals(200, logout.status(), logout::toString);
        Http.Response after = get(url("/greetings/hello"), bearer(token));
        assertEquals(401, after.status(), after::toString);
        assertEquals(401, post(url("/session/sign-out"), null, bearer(token)).status());

        String events = get(url("/events"), Map.of()).text("events");
        assertTrue(events.contains("LoggedIn:alice"), events);
        assertTrue(events.contains("LoggedOut:alice:SESSION:USER:1"), events);
        assertEquals(events.indexOf("LoggedOut:alice"), events.lastIndexOf("LoggedOut:alice"), "the second logout ended nothing: " + events);
    }

    @Test
    void theErrorPageOfTheWebFragmentAnswersJson() {
        Http.Response unknown = get(url("/no/such/page"), Map.of());
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("not_found", unknown.text("error"));
    }
}
