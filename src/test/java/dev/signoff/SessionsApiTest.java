package dev.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigSource;
import dev.signoff.events.LogoutReason;
import dev.signoff.events.LogoutScope;
import dev.signoff.events.SignoffEvent;
import dev.signoff.fakes.MovableClock;
import dev.signoff.login.IssuedTokens;
import dev.signoff.sessions.SessionLimitException;
import dev.signoff.sessions.Sessions;
import dev.signoff.store.SessionDetails;
import dev.signoff.token.InvalidTokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Java API of session lists, ending one or all of a user's sessions, the lifetimes and the per-user limit, on an
 * H2 database in memory with a clock the test moves: every end goes through the logout steps and is published with
 * its reason.
 */
class SessionsApiTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T06:00:00Z"));
    private Components components;
    private Signoff signoff;

    private void start(String... extra) {
        RecordingListener.EVENTS.clear();
        Map<String, String> params = new HashMap<>(Map.of(
                "signoff.secret", SignoffTest.SECRET,
                "signoff.db.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "signoff.purge.interval", "0s",
                "signoff.listeners", RecordingListener.class.getName()));
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        components = Components.start(SignoffSettings.parse(ConfigSource.of("context", Map.of(), params)), clock,
                getClass().getClassLoader(), Map.of());
        signoff = components.signoff();
    }

    @AfterEach
    void stop() {
        if (components != null) {
            components.close();
        }
    }

    private void later(Duration duration) {
        clock.now = clock.now.plus(duration);
    }

    private SignoffEvent.LoggedOut lastLogout() {
        List<SignoffEvent.LoggedOut> logouts = RecordingListener.EVENTS.stream().filter(SignoffEvent.LoggedOut.class::isInstance)
                .map(SignoffEvent.LoggedOut.class::cast).toList();
        assertFalse(logouts.isEmpty(), "a LoggedOut event: " + RecordingListener.EVENTS);
        return logouts.get(logouts.size() - 1);
    }

    /** The listed session {@code id} of {@code subject}: two logins at one instant are listed in either order. */
    private SessionDetails session(String subject, String id) {
        return signoff.sessions(subject).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> ids(String subject) {
        return signoff.sessions(subject).stream().map(SessionDetails::id).toList();
    }

    @Test
    void aUserSeesTheirSessionsNewestFirstAndAnAdministratorEndsOneOfThem() throws Exception {
        start();
        IssuedTokens phone = signoff.login("alice", List.of("user"), "Phone/1.0", "127.0.0.2");
        later(Duration.ofSeconds(2));
        IssuedTokens laptop = signoff.login("alice", List.of("user"), "Laptop/2.0", "127.0.0.3");
        IssuedTokens bob = signoff.login("bob", List.of("user"), "Bob/1.0", "127.0.0.4");

        List<SessionDetails> sessions = signoff.sessions("alice");
        assertEquals(List.of(laptop.sessionId(), phone.sessionId()), sessions.stream().map(SessionDetails::id).toList());
        assertEquals("Laptop/2.0", sessions.get(0).userAgent());
        assertEquals("127.0.0.2", sessions.get(1).address());
        assertEquals(clock.millis() - 2_000, sessions.get(1).createdAt());

        assertFalse(signoff.endSession("bob", phone.sessionId(), LogoutReason.ADMIN), "alice's session is not bob's");
        signoff.authenticate(phone.accessToken());

        assertTrue(signoff.endSession("alice", phone.sessionId(), LogoutReason.ADMIN));
        assertEquals(new SignoffEvent.LoggedOut("alice", LogoutScope.SESSION, List.of(phone.sessionId()), LogoutReason.ADMIN,
                clock.millis()), lastLogout());
        assertThrows(InvalidTokenException.class, () -> signoff.authenticate(phone.accessToken()));
        assertThrows(InvalidTokenException.class, () -> signoff.refresh(phone.refreshToken()));
        assertEquals(List.of(laptop.sessionId()), ids("alice"));
        assertFalse(signoff.endSession("alice", phone.sessionId(), LogoutReason.ADMIN), "an ended session is not live");
        signoff.authenticate(laptop.accessToken());
        signoff.authenticate(bob.accessToken());
    }

    @Test
    void anAdministratorEndsEveryLoginOfAUserWithoutTheirTokens() throws Exception {
        start();
        IssuedTokens one = signoff.login("alice", List.of("user"), "a", "127.0.0.1");
        IssuedTokens two = signoff.login("alice", List.of("user"), "b", "127.0.0.1");
        IssuedTokens bob = signoff.login("bob", List.of("user"), "c", "127.0.0.1");

        assertEquals(2, signoff.endAllSessions("alice", LogoutReason.ADMIN).size());
        SignoffEvent.LoggedOut event = lastLogout();
        assertEquals(LogoutScope.USER, event.scope());
        assertEquals(LogoutReason.ADMIN, event.reason());
        assertThrows(InvalidTokenException.class, () -> signoff.authenticate(one.accessToken()));
        assertThrows(InvalidTokenException.class, () -> signoff.refresh(two.refreshToken()));
        assertEquals(List.of(), ids("alice"));
        signoff.authenticate(bob.accessToken());

        later(Duration.ofSeconds(1));
        IssuedTokens again = signoff.login("alice", List.of("user"), "a", "127.0.0.1");
        assertEquals(List.of(again.sessionId()), ids("alice"), "a login after the logout lives");
    }

    @Test
    void aSessionNotRefreshedWithinItsIdleTimeoutEndsAtTheNextRefresh() throws Exception {
        start("signoff.session.idle-timeout", "10s");
        IssuedTokens kept = signoff.login("alice", List.of("user"), "a", "127.0.0.1");
        IssuedTokens idle = signoff.login("alice", List.of("user"), "b", "127.0.0.1");
        later(Duration.ofSeconds(8));
        kept = signoff.refresh(kept.refreshToken());
        assertEquals(clock.millis() + 10_000, session("alice", kept.sessionId()).expiresAt(), "a refresh moves the idle expiry");
        assertEquals(clock.millis(), session("alice", kept.sessionId()).refreshedAt(), "last used: the refresh");
        later(Duration.ofSeconds(3));

        assertEquals(List.of(kept.sessionId()), ids("alice"), "the idle session is no longer listed");
        String refresh = idle.refreshToken();
        assertThrows(InvalidTokenException.class, () -> signoff.refresh(refresh));
        assertEquals(new SignoffEvent.LoggedOut("alice", LogoutScope.SESSION, List.of(idle.sessionId()), LogoutReason.IDLE_TIMEOUT,
                clock.millis()), lastLogout());
        assertThrows(InvalidTokenException.class, () -> signoff.authenticate(idle.accessToken()), "its access token ends with it");
        signoff.refresh(kept.refreshToken());
    }

    @Test
    void noRefreshBeyondTheMaximumLifetime() throws Exception {
        start("signoff.session.idle-timeout", "10s", "signoff.session.max-lifetime", "25s");
        IssuedTokens tokens = signoff.login("alice", List.of("user"), "a", "127.0.0.1");
        String sessionId = tokens.sessionId();
        for (int i = 0; i < 2; i++) {
            later(Duration.ofSeconds(8));
            tokens = signoff.refresh(tokens.refreshToken());
        }
        assertEquals(clock.millis() + 9_000, signoff.sessions("alice").get(0).expiresAt(), "the idle expiry stops at the lifetime");
        later(Duration.ofSeconds(9));
        String refresh = tokens.refreshToken();
        assertThrows(InvalidTokenException.class, () -> signoff.refresh(refresh));
        assertEquals(new SignoffEvent.LoggedOut("alice", LogoutScope.SESSION, List.of(sessionId), LogoutReason.MAX_LIFETIME,
                clock.millis()), lastLogout());
    }

    @Test
    void thePurgeEndsLapsedSessionsThroughTheLogoutSteps() throws Exception {
        start("signoff.session.idle-timeout", "10s", "signoff.session.max-lifetime", "15s");
        IssuedTokens idle = signoff.login("alice", List.of("user"), "a", "127.0.0.1");
        IssuedTokens old = signoff.login("bob", List.of("user"), "b", "127.0.0.1");
        Sessions sessions = components.part(Sessions.class);
        later(Duration.ofSeconds(8));
        old = signoff.refresh(old.refreshToken());
        assertEquals(0, sessions.endLapsed(), "nothing has lapsed yet");

        later(Duration.ofSeconds(3));
        assertEquals(1, sessions.endLapsed());
        assertEquals(LogoutReason.IDLE_TIMEOUT, lastLogout().reason());
        assertEquals(List.of(idle.sessionId()), lastLogout().sessionIds());
        assertThrows(InvalidTokenException.class, () -> signoff.authenticate(idle.accessToken()));

        later(Duration.ofSeconds(5));
        assertEquals(1, sessions.endLapsed());
        assertEquals(new SignoffEvent.LoggedOut("bob", LogoutScope.SESSION, List.of(old.sessionId()), LogoutReason.MAX_LIFETIME,
                clock.millis()), lastLogout());
        assertEquals(0, sessions.endLapsed(), "an ended session is ended once");
    }

    @Test
    void aLoginBeyondTheLimitEvictsTheOldest() throws Exception {
        start("signoff.session.max-per-user", "2");
        IssuedTokens first = signoff.login("alice", List.of("user"), "a", "127.0.0.1");
        later(Duration.ofSeconds(1));
        IssuedTokens second = signoff.login("alice", List.of("user"), "b", "127.0.0.1");
        later(Duration.ofSeconds(1));
        IssuedTokens third = signoff.login("alice", List.of("user"), "c", "127.0.0.1");

        assertEquals(List.of(third.sessionId(), second.sessionId()), ids("alice"));
        assertEquals(new SignoffEvent.LoggedOut("alice", LogoutScope.SESSION, List.of(first.sessionId()), LogoutReason.EVICTED,
                clock.millis()), lastLogout());
        assertThrows(InvalidTokenException.class, () -> signoff.authenticate(first.accessToken()));
        signoff.authenticate(second.accessToken());
    }

    @Test
    void aLoginBeyondTheLimitIsRefusedWhenConfigured() throws Exception {
        start("signoff.session.max-per-user", "2", "signoff.session.limit-action", "refuse");
        IssuedTokens first = signoff.login("alice", List.of("user"), "a", "127.0.0.1");
        signoff.login("alice", List.of("user"), "b", "127.0.0.1");
        SessionLimitException refused = assertThrows(SessionLimitException.class,
                () -> signoff.login("alice", List.of("user"), "c", "127.0.0.1"));
        assertEquals(2, refused.limit());
        assertEquals(2, ids("alice").size(), "the refused login created nothing");
        signoff.login("bob", List.of("user"), "d", "127.0.0.1");

        assertTrue(signoff.endSession("alice", first.sessionId(), LogoutReason.USER));
        signoff.login("alice", List.of("user"), "c", "127.0.0.1");
        assertEquals(2, ids("alice").size());
    }
}
