package dev.signoff.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signoff.events.LogoutReason;
import dev.signoff.events.LogoutScope;
import dev.signoff.events.SignoffEvent;
import dev.signoff.token.InvalidTokenException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignoffMetricsTest {

    @Test
    void eventsAndRefusalsAreCountedInARegistryAddedLater() {
        SignoffMetrics metrics = new SignoffMetrics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.addRegistry(registry);
        metrics.onEvent(new SignoffEvent.LoggedIn("pat", "s", 0));
        metrics.onEvent(new SignoffEvent.LoginFailed("pat", SignoffEvent.Client.NONE, 0));
        for (LogoutReason reason : LogoutReason.values()) {
            metrics.onEvent(new SignoffEvent.LogoutAttempted("pat", LogoutScope.SESSION, reason, "success", List.of("s"), false,
                    SignoffEvent.Client.NONE, 0));
        }
        metrics.onEvent(new SignoffEvent.LogoutAttempted("pat", LogoutScope.USER, LogoutReason.USER, "error", List.of(), true,
                SignoffEvent.Client.NONE, 0));
        metrics.authRefused(InvalidTokenException.Kind.EXPIRED);
        metrics.authRefused(InvalidTokenException.Kind.EXPIRED);

        assertEquals(1, registry.get("signoff.logins").tag("result", "succeeded").counter().count());
        assertEquals(1, registry.get("signoff.logins").tag("result", "failed").counter().count());
        assertEquals(0, registry.get("signoff.logins").tag("result", "throttled").counter().count());
        for (LogoutReason reason : LogoutReason.values()) {
            assertEquals(1, registry.get("signoff.logouts").tag("reason", SignoffMetrics.tagOf(reason)).tag("result", "success")
                    .counter().count(), reason::name);
        }
        assertEquals(1, registry.get("signoff.backchannel.logouts").counter().count());
        assertEquals(1, registry.get("signoff.revocation.write.failures").counter().count());
        assertEquals(2, registry.get("signoff.auth.refused").tag("reason", "expired").functionCounter().count());
        assertEquals(0, registry.get("signoff.auth.refused").tag("reason", "malformed").functionCounter().count());
    }
}
