package dev.signoff.logout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.events.LogoutReason;
import dev.signoff.events.LogoutScope;
import dev.signoff.fakes.FakeRequest;
import dev.signoff.fakes.FakeSession;
import dev.signoff.http.CookieSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogoutStepsTest {

    private static final CookieSpec ACCESS = new CookieSpec("at", "/", null, CookieSpec.Secure.AUTO, true, "Strict", Duration.ZERO);

    private static Logout logout(LogoutExchange exchange) {
        return new Logout(new Logout.Target("alice", "sid", null), LogoutScope.SESSION, LogoutReason.USER, LogoutResult.INVALID, false,
                exchange);
    }

    private static LogoutExchange exchange(FakeRequest request, EnumSet<LogoutResult> clearOn) {
        return new LogoutExchange(request.request, List.of(ACCESS), clearOn, "\"cookies\"");
    }

    @Test
    void everyStepRunsWhenOneFailsAndTheFailureIsReported() {
        List<String> ran = new ArrayList<>();
        LogoutSteps steps = new LogoutSteps(List.of(
                l -> {
                    ran.add("revoke");
                    l.revoked(LogoutResult.SUCCESS, List.of("sid"));
                },
                l -> {
                    ran.add("failing");
                    throw new IllegalStateException("audit store down");
                },
                l -> ran.add("after")));
        Logout logout = logout(null);
        steps.run(logout);
        assertEquals(List.of("revoke", "failing", "after"), ran);
        LogoutOutcome outcome = logout.outcome();
        assertEquals(LogoutResult.ERROR, outcome.result(), "a failed step is never answered as success");
        assertEquals(1, outcome.failures().size());
        assertTrue(outcome.failures().get(0).contains("audit store down"), outcome.failures()::toString);
        assertEquals(List.of("sid"), outcome.endedSessionIds());
    }

    @Test
    void aLaterRevocationResultDoesNotHideAnEarlierFailure() {
        Logout logout = logout(null);
        logout.failed(l -> { }, new IllegalStateException("x"));
        logout.revoked(LogoutResult.SUCCESS, List.of());
        assertEquals(LogoutResult.ERROR, logout.result());
    }

    @Test
    void cookiesAreClearedOnTheConfiguredResultsOnly() {
        FakeRequest request = new FakeRequest();
        Logout success = logout(exchange(request, EnumSet.of(LogoutResult.SUCCESS)));
        success.revoked(LogoutResult.SUCCESS, List.of());
        new ClearCookiesStep().run(success);
        assertEquals(1, success.outcome().setCookieHeaders().size());
        assertTrue(success.outcome().setCookieHeaders().get(0).startsWith("at=;"), success.outcome()::toString);
        assertEquals("\"cookies\"", success.outcome().clearSiteData());

        Logout invalid = logout(exchange(request, EnumSet.of(LogoutResult.SUCCESS)));
        new ClearCookiesStep().run(invalid);
        assertEquals(List.of(), invalid.outcome().setCookieHeaders());
        assertNull(invalid.outcome().clearSiteData());
    }

    @Test
    void theHttpStepsEndTheSessionAndHaveNothingToDoWithoutARequest() {
        FakeSession http = new FakeSession("h", 0);
        FakeRequest request = new FakeRequest().session(http);
        request.principal = () -> "alice";
        new EndHttpSessionStep().run(logout(exchange(request, EnumSet.allOf(LogoutResult.class))));
        assertTrue(http.invalid);
        assertEquals(1, request.logouts);
        new EndHttpSessionStep().run(logout(exchange(request, EnumSet.allOf(LogoutResult.class))));
        assertEquals(2, request.logouts, "a second logout is a harmless no-op");

        Logout withoutRequest = logout(null);
        new EndHttpSessionStep().run(withoutRequest);
        new ClearCookiesStep().run(withoutRequest);
        assertEquals(List.of(), withoutRequest.outcome().setCookieHeaders());
        assertEquals(List.of(), withoutRequest.outcome().failures());
    }
}
