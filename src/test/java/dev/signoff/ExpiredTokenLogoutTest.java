package dev.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signoff.auth.CredentialSource;
import dev.signoff.auth.Credentials;
import dev.signoff.config.ConfigSource;
import dev.signoff.events.LogoutScope;
import dev.signoff.fakes.FakeRequest;
import dev.signoff.fakes.MovableClock;
import dev.signoff.login.IssuedTokens;
import dev.signoff.logout.LogoutExchange;
import dev.signoff.logout.LogoutOutcome;
import dev.signoff.logout.LogoutResult;
import dev.signoff.logout.Logouts;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An expired access token (accept-expired) names its login only while that login is live, whatever the scope. */
class ExpiredTokenLogoutTest {

    private final MovableClock clock = new MovableClock(Instant.now());
    private Components components;
    private Signoff signoff;
    private Logouts logouts;
    private Logouts.Identification bearer;

    @BeforeEach
    void start() {
        SignoffSettings settings = SignoffSettings.parse(ConfigSource.of("context", Map.of(), Map.of(
                "signoff.secret", SignoffTest.SECRET,
                "signoff.db.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "signoff.purge.interval", "0s",
                "signoff.access-token-ttl", "10s",
                "signoff.clock-skew", "0s")));
        components = Components.start(settings, clock, getClass().getClassLoader(), Map.of());
        signoff = components.signoff();
        logouts = components.part(Logouts.class);
        bearer = new Logouts.Identification(new Credentials(List.of(CredentialSource.BEARER), settings.common()), true);
    }

    @AfterEach
    void stop() {
        components.close();
    }

    private LogoutResult logout(LogoutScope scope, String accessToken) {
        FakeRequest request = new FakeRequest().header("Authorization", "Bearer " + accessToken);
        LogoutOutcome outcome = logouts.logout(bearer, scope,
                new LogoutExchange(request.request, List.of(), EnumSet.allOf(LogoutResult.class), null));
        return outcome.result();
    }

    /** Past the token's expiry and the revocation view's retention, which then no longer holds the ended session. */
    private void muchLater() {
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        signoff.revocations().prune(clock.millis());
    }

    @Test
    void anExpiredTokenOfAnEndedLoginEndsNothingEvenOnLogoutAll() throws Exception {
        IssuedTokens ended = signoff.login("alice", List.of("user"), "phone", "127.0.0.1");
        IssuedTokens other = signoff.login("alice", List.of("user"), "laptop", "127.0.0.1");
        signoff.logoutSession(ended.sessionId(), null);
        muchLater();

        assertEquals(LogoutResult.INVALID, logout(LogoutScope.USER, ended.accessToken()));
        assertEquals(LogoutResult.INVALID, logout(LogoutScope.SESSION, ended.accessToken()));
        assertEquals("alice", signoff.refresh(other.refreshToken()).subject(), "the other login lives on");
    }

    @Test
    void anExpiredTokenOfALiveLoginStillLogsOut() {
        IssuedTokens live = signoff.login("bob", List.of("user"), "phone", "127.0.0.1");
        muchLater();
        assertEquals(LogoutResult.SUCCESS, logout(LogoutScope.USER, live.accessToken()));
        assertEquals(LogoutResult.INVALID, logout(LogoutScope.USER, live.accessToken()), "the second logout finds nothing live");
    }
}
