package dev.signoff.metrics;

import dev.signoff.events.LogoutReason;
import dev.signoff.events.SignoffEvent;
import dev.signoff.events.SignoffEventListener;
import dev.signoff.token.InvalidTokenException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Signoff's meters, recorded into one {@link CompositeMeterRegistry} that the exposing registries join: Prometheus
 * for {@code GET /metrics}, JMX for the consoles, and any registry the application adds
 * ({@code Signoff.addMeterRegistry}); a registry added later receives every meter registered before.
 *
 * <p>Counted from the events ({@link #onEvent}) for logins, refreshes and logouts, so that every way they happen is
 * counted once, and directly by the request paths for what is no event: refused authentications (one pre-resolved
 * {@link LongAdder} per {@link InvalidTokenException.Kind}, read by a {@link FunctionCounter} at each scrape: no tag
 * lookup and no registry call per request) and cross-site refusals.
 * Nothing is recorded on a successful authentication. A logout reason is tagged by its constant's name in lower
 * case, so that new reasons are counted without a change here. The names are listed in README.md ("Operations").
 *
 * <p>This class is thread-safe.
 */
public final class SignoffMetrics implements SignoffEventListener {

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final Counter loginSucceeded;
    private final Counter loginFailed;
    private final Counter loginThrottled;
    private final Counter refreshRotated;
    private final Counter refreshRefused;
    private final Counter reuseDetected;
    private final LongAdder crossSiteRefused = new LongAdder();
    private final Counter revocationWriteFailed;
    private final Counter backChannelLogouts;
    private final LongAdder[] authRefused;
    private final Timer login;
    private final Timer refresh;
    private final Timer logout;

    /** @param registries the registries that receive every meter from the start (a {@code null} is skipped) */
    public SignoffMetrics(MeterRegistry... registries) {
        for (MeterRegistry child : registries) {
            if (child != null) {
                registry.add(child);
            }
        }
        loginSucceeded = logins("succeeded");
        loginFailed = logins("failed");
        loginThrottled = logins("throttled");
        refreshRotated = refreshes("rotated");
        refreshRefused = refreshes("refused");
        reuseDetected = refreshes("reuse_detected");
        FunctionCounter.builder("signoff.cross.site.refused", crossSiteRefused, LongAdder::sum)
                .description("requests refused as cross-site (403) before a cookie or HttpSession credential was used")
                .register(registry);
        revocationWriteFailed = Counter.builder("signoff.revocation.write.failures")
                .description("logouts whose revocation the database did not take (kept among the pending writes)")
                .register(registry);
        backChannelLogouts = Counter.builder("signoff.backchannel.logouts")
                .description("logouts asked for by the identity provider (back-channel)").register(registry);
        InvalidTokenException.Kind[] kinds = InvalidTokenException.Kind.values();
        authRefused = new LongAdder[kinds.length];
        for (InvalidTokenException.Kind kind : kinds) {
            LongAdder count = new LongAdder();
            authRefused[kind.ordinal()] = count;
            FunctionCounter.builder("signoff.auth.refused", count, LongAdder::sum).tag("reason", kind.tag())
                    .description("credentials refused by the authentication filter, by reason class").register(registry);
        }
        login = timer("signoff.login.duration", "time to answer a login request");
        refresh = timer("signoff.refresh.duration", "time to answer a refresh request");
        logout = timer("signoff.logout.duration", "time to answer a logout request");
    }

    /**
     * Adds a registry that receives every meter, those registered so far included (their counts from now on:
     * Micrometer says so once, at WARNING).
     */
    public void addRegistry(MeterRegistry child) {
        registry.add(child);
    }

    /** The registry Signoff records into (for an application's own meters beside Signoff's). */
    public MeterRegistry registry() {
        return registry;
    }

    /** A value read when the registry is scraped, such as the revocation view's size; {@code NaN} when unknown. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }

    /**
     * A credential of class {@code kind} was refused on the authenticated path: one {@link LongAdder} increment, no
     * lookup and no registry work (the registries read the sum when they are scraped).
     */
    public void authRefused(InvalidTokenException.Kind kind) {
        authRefused[kind.ordinal()].increment();
    }

    /** A request was refused as cross-site. */
    public void crossSiteRefused() {
        crossSiteRefused.increment();
    }

    public Timer loginTimer() {
        return login;
    }

    public Timer refreshTimer() {
        return refresh;
    }

    public Timer logoutTimer() {
        return logout;
    }

    @Override
    public void onEvent(SignoffEvent event) {
        if (event instanceof SignoffEvent.LoggedIn) {
            loginSucceeded.increment();
        } else if (event instanceof SignoffEvent.LoginFailed) {
            loginFailed.increment();
        } else if (event instanceof SignoffEvent.LoginThrottled) {
            loginThrottled.increment();
        } else if (event instanceof SignoffEvent.Refreshed) {
            refreshRotated.increment();
        } else if (event instanceof SignoffEvent.RefreshRefused) {
            refreshRefused.increment();
        } else if (event instanceof SignoffEvent.ReuseDetected) {
            reuseDetected.increment();
        } else if (event instanceof SignoffEvent.LogoutAttempted attempt) {
            logoutAttempted(attempt);
        }
    }

    private void logoutAttempted(SignoffEvent.LogoutAttempted attempt) {
        Counter.builder("signoff.logouts").description("logouts by scope, result and reason")
                .tag("scope", tagOf(attempt.scope())).tag("result", attempt.result()).tag("reason", tagOf(attempt.reason()))
                .register(registry).increment();
        if (attempt.revocationFailed()) {
            revocationWriteFailed.increment();
        }
        if (attempt.reason() == LogoutReason.BACK_CHANNEL) {
            backChannelLogouts.increment();
        }
    }

    /** An enum constant as a tag value: its name in lower case ({@code REUSE_DETECTED} is {@code reuse_detected}). */
    public static String tagOf(Enum<?> value) {
        return value == null ? "none" : value.name().toLowerCase(Locale.ROOT);
    }

    private Counter logins(String result) {
        return Counter.builder("signoff.logins").tag("result", result).description("login attempts by result").register(registry);
    }

    private Counter refreshes(String result) {
        return Counter.builder("signoff.refreshes").tag("result", result).description("refresh attempts by result").register(registry);
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).register(registry);
    }
}
