package dev.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.events.LogoutReason;
import dev.signoff.events.LogoutScope;
import dev.signoff.events.SignoffEvent;
import dev.signoff.fakes.FakeContext;
import dev.signoff.fakes.FakeRequest;
import dev.signoff.fakes.FakeResponse;
import dev.signoff.login.IssuedTokens;
import dev.signoff.logout.LogoutServlet;
import dev.signoff.token.InvalidTokenException;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signoff as a web application deploys it: the real {@link SignoffListener} over a fake servlet context (an H2
 * database in memory), with a logout step and an event listener registered by class name, and the logout servlet
 * as the container would make it.
 */
class SignoffTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef";

    private final SignoffListener listener = new SignoffListener();
    private FakeContext app;
    private Signoff signoff;

    static FakeContext application() {
        return new FakeContext()
                .param("signoff.secret", SECRET)
                .param("signoff.db.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .param("signoff.purge.interval", "0s")
                .param("signoff.refresh-reuse-grace", "0s");
    }

    @BeforeEach
    void deploy() {
        RecordingStep.SEEN.clear();
        RecordingListener.EVENTS.clear();
        app = application()
                .param("signoff.logout-steps", RecordingStep.class.getName())
                .param("signoff.listeners", RecordingListener.class.getName())
                .servlet("logout", LogoutServlet.class, Map.of())
                .servlet("logout-all", LogoutServlet.class, Map.of("scope", "user"));
        listener.contextInitialized(new ServletContextEvent(app.context));
        signoff = Signoff.get(app.context);
    }

    @AfterEach
    void undeploy() {
        listener.contextDestroyed(new ServletContextEvent(app.context));
    }

    private FakeResponse post(String servlet, FakeRequest request) throws Exception {
        LogoutServlet logout = new LogoutServlet();
        logout.init(app.servletConfig(servlet));
        FakeResponse response = new FakeResponse();
        logout.service((ServletRequest) request.request, (ServletResponse) response.response);
        return response;
    }

    @Test
    void aStepRegisteredOnceRunsForTheServletTheJavaApiAndReuseDetection() throws Exception {
        IssuedTokens alice = signoff.login("alice", List.of("user"), "test", "127.0.0.1");
        FakeResponse answer = post("logout", new FakeRequest().header("Authorization", "Bearer " + alice.accessToken()));
        assertEquals(200, answer.status, answer.body());
        assertThrows(InvalidTokenException.class, () -> signoff.authenticate(alice.accessToken()));

        IssuedTokens bob = signoff.login("bob", List.of("user"), "test", "127.0.0.1");
        assertTrue(signoff.logoutSession(bob.sessionId(), null));

        IssuedTokens carol = signoff.login("carol", List.of("user"), "test", "127.0.0.1");
        IssuedTokens rotated = signoff.refresh(carol.refreshToken());
        assertThrows(InvalidTokenException.class, () -> signoff.refresh(carol.refreshToken()), "a consumed token presented again");
        assertThrows(InvalidTokenException.class, () -> signoff.authenticate(rotated.accessToken()), "reuse ends the session");

        assertEquals(List.of(
                new RecordingStep.Seen("alice", "SESSION", "USER", true, "SUCCESS"),
                new RecordingStep.Seen("bob", "SESSION", "USER", false, "SUCCESS"),
                new RecordingStep.Seen("carol", "SESSION", "REUSE_DETECTED", false, "SUCCESS")), RecordingStep.SEEN,
                "the step runs after the revocation, with the request only for the servlet");
    }

    @Test
    void listenersHearLoginsRefreshesAndLogoutsAfterTheyHappened() throws Exception {
        IssuedTokens first = signoff.login("dave", List.of("user"), "test", "127.0.0.1");
        IssuedTokens second = signoff.login("dave", List.of("user"), "test", "127.0.0.1");
        signoff.refresh(second.refreshToken());
        FakeResponse answer = post("logout-all", new FakeRequest().header("Authorization", "Bearer " + first.accessToken()));
        assertEquals(200, answer.status, answer.body());

        List<SignoffEvent> events = RecordingListener.EVENTS;
        assertEquals(4, events.size(), events::toString);
        assertEquals(new SignoffEvent.LoggedIn("dave", first.sessionId(), events.get(0).at(),
                new SignoffEvent.Client("127.0.0.1", "test")), events.get(0));
        assertEquals(new SignoffEvent.LoggedIn("dave", second.sessionId(), events.get(1).at(),
                new SignoffEvent.Client("127.0.0.1", "test")), events.get(1));
        assertEquals(new SignoffEvent.Refreshed("dave", second.sessionId(), events.get(2).at()), events.get(2));
        SignoffEvent.LoggedOut out = (SignoffEvent.LoggedOut) events.get(3);
        assertEquals(LogoutScope.USER, out.scope());
        assertEquals(LogoutReason.USER, out.reason());
        assertEquals(Set.of(first.sessionId(), second.sessionId()), Set.copyOf(out.sessionIds()));
    }

    @Test
    void aLogoutThatEndsNothingIsNoEvent() throws Exception {
        FakeResponse answer = post("logout", new FakeRequest().header("Authorization", "Bearer not.a.token"));
        assertEquals(401, answer.status);
        assertTrue(RecordingListener.EVENTS.isEmpty(), RecordingListener.EVENTS::toString);
        assertFalse(signoff.logoutSession(UUID.randomUUID().toString(), null));
        assertTrue(RecordingListener.EVENTS.isEmpty(), RecordingListener.EVENTS::toString);
    }

    @Test
    void theJavaApiLogsAUserOutEverywhere() throws InvalidTokenException {
        IssuedTokens one = signoff.login("erin", List.of("user"), "a", "127.0.0.1");
        IssuedTokens two = signoff.login("erin", List.of("user"), "b", "127.0.0.1");
        assertEquals(Set.of(one.sessionId(), two.sessionId()), Set.copyOf(signoff.logoutUser("erin", null)));
        assertThrows(InvalidTokenException.class, () -> signoff.authenticate(two.accessToken()));
        assertThrows(InvalidTokenException.class, () -> signoff.refresh(one.refreshToken()));
        assertEquals("erin", signoff.authenticate(signoff.login("erin", List.of(), "c", "127.0.0.1").accessToken()).subject(),
                "a login after the logout works");
    }

    @Test
    void aClassThatCannotBeLoadedFailsTheDeploymentNamingTheParameter() {
        for (String parameter : List.of("signoff.listeners", "signoff.logout-steps")) {
            FakeContext broken = application().param(parameter, "no.such.Extension");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new SignoffListener().contextInitialized(new ServletContextEvent(broken.context)));
            assertTrue(e.getMessage().contains(parameter) && e.getMessage().contains("no.such.Extension"), e.getMessage());
        }
        FakeContext wrongType = application().param("signoff.listeners", String.class.getName());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SignoffListener().contextInitialized(new ServletContextEvent(wrongType.context)));
        assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
    }

    @Test
    void aComponentsSettingsAreParsedAtDeploymentAndTheErrorNamesTheRegistration() {
        FakeContext broken = application().servlet("sign-out", LogoutServlet.class, Map.of("scope", "everything"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SignoffListener().contextInitialized(new ServletContextEvent(broken.context)));
        assertTrue(e.getMessage().contains("scope") && e.getMessage().contains("servlet 'sign-out'"), e.getMessage());
        assertFalse(broken.attributes.containsKey(Signoff.ATTRIBUTE), "nothing was published");
    }
}
