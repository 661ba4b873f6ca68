package dev.signoff;

import dev.signoff.audit.AuditLog;
import dev.signoff.auth.AccessTokens;
import dev.signoff.auth.Authenticator;
import dev.signoff.auth.HttpSessionRegistry;
import dev.signoff.bus.RedisBus;
import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.deploy.Component;
import dev.signoff.deploy.Deployment;
import dev.signoff.events.Events;
import dev.signoff.events.SignoffEventListener;
import dev.signoff.keys.PublishedKeys;
import dev.signoff.keys.StoredKeys;
import dev.signoff.health.Readiness;
import dev.signoff.metrics.SignoffMetrics;
import dev.signoff.throttle.DatabaseFailureStore;
import dev.signoff.throttle.LoginThrottle;
import dev.signoff.throttle.MemoryFailureStore;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.signoff.legacy.LegacyColumn;
import dev.signoff.legacy.LegacyColumnHook;
import dev.signoff.legacy.LegacyColumnSettings;
import dev.signoff.login.Logins;
import dev.signoff.logout.ClearCookiesStep;
import dev.signoff.logout.EndHttpSessionStep;
import dev.signoff.logout.LogoutStep;
import dev.signoff.logout.LogoutSteps;
import dev.signoff.logout.Logouts;
import dev.signoff.logout.RevokeStep;
import dev.signoff.oauth.TokenIntrospection;
import dev.signoff.oauth.TokenRevocation;
import dev.signoff.oidc.BackChannelLogoutServlet;
import dev.signoff.oidc.BackChannelLogouts;
import dev.signoff.revocation.PendingRevocations;
import dev.signoff.revocation.RevocationListener;
import dev.signoff.revocation.RevocationSync;
import dev.signoff.revocation.RevocationView;
import dev.signoff.sessions.Sessions;
import dev.signoff.store.Database;
import dev.signoff.store.ExpiredRowPurger;
import dev.signoff.store.LoginFailures;
import dev.signoff.store.RevocationHook;
import dev.signoff.store.SigningKeyTable;
import dev.signoff.store.StoreException;
import dev.signoff.store.TokenStore;
import dev.signoff.token.AccessTokenIssuer;
import dev.signoff.token.AccessTokenVerifier;
import dev.signoff.token.TokenSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds every part of one running Signoff, once, and shuts them down: the database and its store, the token issuer
 * and verifier, the revocation view and what keeps it current (sync, PostgreSQL listener, Redis bus, pending writes,
 * purge), the
 * HttpSession registry, the authenticator, the logout steps, logins, events, and the public {@link Signoff} facade.
 * It is also the {@link Deployment} that Signoff's filters and servlets take their settings and parts from. Built
 * by {@link SignoffListener} (or {@link Signoff#start} for an application without a web container's listener).
 * This class is thread-safe.
 */
final class Components implements Deployment, AutoCloseable {

    private final SignoffSettings settings;
    private final CommonSettings common;
    private final Clock clock;
    private final Database database;
    private final RevocationView revocations;
    private final RevocationSync sync;
    private final RevocationListener listener;
    private final ExpiredRowPurger purger;
    private final RedisBus bus;
    private final StoredKeys storedKeys;
    private final SignoffMetrics metrics;
    private final PrometheusMeterRegistry prometheus;
    private final JmxMeterRegistry jmx;
    private final Map<Class<?>, Object> parts;
    private final Map<String, Object> componentSettings;
    private final Signoff signoff;

    private Components(SignoffSettings settings, Clock clock, Database database, Events events, List<LogoutStep> custom,
                       RedisBus bus, Map<String, Object> componentSettings, SignoffMetrics metrics, PrometheusMeterRegistry prometheus,
                       JmxMeterRegistry jmx) {
        this.settings = settings;
        this.common = settings.common();
        this.clock = clock;
        this.database = database;
        this.componentSettings = Map.copyOf(componentSettings);

        TokenSettings tokens = settings.tokens();
        this.bus = bus;
        // keys Signoff keeps in its database: read (or made) before anything signs; later rotations are picked up
        // within the sync interval, and a key verifies for as long as a token it signed on any node can be valid
        long keyHorizon = tokens.accessTokenTtl().plus(tokens.clockSkew()).plus(settings.syncInterval().multipliedBy(2)).toMillis()
                + 5_000;
        this.storedKeys = tokens.keys().isStored()
                ? StoredKeys.start(tokens.keys(), new SigningKeyTable(database), settings.keyStore(), clock, keyHorizon,
                        !settings.purgeInterval().isZero(), settings.syncInterval())
                : null;
        TokenStore store = new TokenStore(database, settings.notifications(), revocationHooks(settings, database, bus));
        AccessTokenIssuer issuer = new AccessTokenIssuer(tokens, clock);
        AccessTokenVerifier verifier = new AccessTokenVerifier(tokens, clock);
        HttpSessionRegistry httpSessions = new HttpSessionRegistry();
        PendingRevocations pending = new PendingRevocations();
        long retention = tokens.accessTokenTtl().plus(tokens.clockSkew()).toMillis();
        this.revocations = new RevocationView(retention, clock.millis(), httpSessions);
        long overlap = tokens.clockSkew().toMillis() + 5_000;
        this.sync = new RevocationSync(store, revocations, clock, retention, overlap, pending).start(settings.syncInterval());
        long interval = settings.syncInterval().toMillis();
        this.listener = settings.notifications() && database.hasNotify()
                ? new RevocationListener(database, revocations, sync::readNow, Math.max(30_000, 10 * interval)) : null;
        if (bus != null) {
            bus.start(revocations, sync::readNow);
        }

        AccessTokens accessTokens = new AccessTokens(verifier, revocations);
        Authenticator authenticator = new Authenticator(accessTokens, httpSessions, this::revocationsStale);
        List<LogoutStep> steps = new ArrayList<>();
        steps.add(new RevokeStep(store, revocations, pending, clock));
        steps.addAll(custom);
        steps.add(new EndHttpSessionStep());
        steps.add(new ClearCookiesStep());
        Logouts logouts = new Logouts(new LogoutSteps(steps), accessTokens, store, events, clock);
        Sessions sessions = new Sessions(store, revocations, logouts, settings.sessions(), clock);
        Logins logins = new Logins(store, issuer, tokens, revocations, logouts, events, clock, sessions, settings.audit().hashes());
        this.purger = settings.purgeInterval().isZero() ? null
                : new ExpiredRowPurger(store, clock, settings.purgeBatchSize(), retention, tokens.clockSkew().toMillis(),
                        tokens.refreshTokenTtl().toMillis() + retention, sessions::endLapsed).start(settings.purgeInterval());
        this.signoff = new Signoff(settings, logins, logouts, accessTokens, database, revocations, this, sessions);

        this.metrics = metrics;
        this.prometheus = prometheus;
        this.jmx = jmx;
        registerGauges(metrics, database, revocations, pending, listener, bus, clock);
        Readiness readiness = new Readiness(database::answers, revocations::syncedAt, settings.maxStaleness().toMillis(), clock);
        LoginThrottle throttle = new LoginThrottle(settings.throttle(), settings.throttle().database()
                ? new DatabaseFailureStore(new LoginFailures(database)) : new MemoryFailureStore(), clock);
        Map<Class<?>, Object> all = new HashMap<>(Map.of(Authenticator.class, authenticator, HttpSessionRegistry.class, httpSessions,
                Logouts.class, logouts, Logins.class, logins, Signoff.class, signoff, Sessions.class, sessions,
                PublishedKeys.class, PublishedKeys.of(tokens.keys(), settings.keyStore().rotation())));
        all.putAll(Map.of(SignoffMetrics.class, metrics, PrometheusMeterRegistry.class, prometheus, Readiness.class, readiness,
                LoginThrottle.class, throttle));
        all.putAll(standardsParts(settings, store, accessTokens, logouts, clock));
        this.parts = Map.copyOf(all);
    }

    /** Opens the database, loads the revocations that still matter and starts following other nodes' logouts. */
    static Components start(SignoffSettings settings, Clock clock, ClassLoader loader, Map<String, Object> componentSettings) {
        List<SignoffEventListener> applications = Extensions.load(SignoffEventListener.class, SignoffSettings.LISTENERS,
                settings.listeners(), loader);
        List<LogoutStep> custom = Extensions.load(LogoutStep.class, SignoffSettings.LOGOUT_STEPS, settings.logoutSteps(), loader);
        Database database = Database.open(settings.database());
        JmxMeterRegistry jmx = null;
        try {
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            jmx = settings.metrics().jmx() ? jmxRegistry(settings.metrics().jmxDomain()) : null;
            SignoffMetrics metrics = new SignoffMetrics(prometheus, jmx);
            List<SignoffEventListener> own = new ArrayList<>();
            own.add(metrics);
            if (settings.audit().enabled()) {
                own.add(new AuditLog(settings.audit().hashes()));
            }
            Events events = new Events(own, applications);
            RedisBus bus = settings.redis() == null ? null : new RedisBus(settings.redis());
            return new Components(settings, clock, database, events, custom, bus, componentSettings, metrics, prometheus, jmx);
        } catch (RuntimeException e) {
            if (jmx != null) {
                jmx.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * What more every revocation's transaction does: clear the application's own token column, when configured; and
     * once it has committed, publish it on the Redis bus, when configured.
     */
    private static List<RevocationHook> revocationHooks(SignoffSettings settings, Database database, RedisBus bus) {
        List<RevocationHook> hooks = new ArrayList<>();
        if (settings.legacy() != null) {
            try (Connection connection = database.openDedicatedConnection()) {
                hooks.add(new LegacyColumnHook(LegacyColumn.bind(settings.legacy(), connection)));
            } catch (SQLException e) {
                throw new StoreException("the table " + settings.legacy().table() + " of " + LegacyColumnSettings.TABLE
                        + " could not be looked up: " + e.getMessage(), e);
            }
        }
        if (bus != null) {
            hooks.add(bus.publisher());
        }
        return hooks;
    }

    /**
     * The parts of the OAuth and OpenID Connect endpoints: RFC 7009 revocation, RFC 7662 introspection (its client
     * when {@code signoff.introspection.*} is set) and the back-channel logout receiver (when {@code signoff.oidc.*}
     * is set, with its provider's JWK source built here, once).
     */
    private static Map<Class<?>, Object> standardsParts(SignoffSettings settings, TokenStore store, AccessTokens accessTokens,
                                                       Logouts logouts, Clock clock) {
        TokenSettings tokens = settings.tokens();
        Optional<BackChannelLogouts> backChannel = Optional.ofNullable(settings.oidc())
                .map(oidc -> BackChannelLogouts.of(oidc, store, logouts, tokens.clockSkew(), clock));
        return Map.of(TokenRevocation.class, new TokenRevocation(accessTokens, logouts),
                TokenIntrospection.class, new TokenIntrospection(accessTokens, store, tokens, clock, settings.introspection()),
                BackChannelLogoutServlet.Receivers.class, new BackChannelLogoutServlet.Receivers(backChannel));
    }

    /**
     * The gauges, read when a registry is scraped: the revocation view's size and the age of its last read, whether
     * the PostgreSQL listener and the Redis bus are connected (absent when not configured), whether the database is
     * reachable, and the revocation writes waiting for it.
     */
    private static void registerGauges(SignoffMetrics metrics, Database database, RevocationView revocations, PendingRevocations pending,
                                       RevocationListener listener, RedisBus bus, Clock clock) {
        metrics.gauge("signoff.revocation.view.size", "sessions, tokens and users this node refuses", revocations::size);
        metrics.gauge("signoff.revocation.read.age.seconds", "seconds since the revocations were last read from the database",
                () -> (clock.millis() - revocations.syncedAt()) / 1000.0);
        if (listener != null) {
            metrics.gauge("signoff.revocation.listener.connected", "1 while the PostgreSQL LISTEN connection is up",
                    () -> listener.listening() ? 1 : 0);
        }
        if (bus != null) {
            metrics.gauge("signoff.revocation.bus.connected", "1 while the Redis bus subscription is up", () -> bus.connected() ? 1 : 0);
        }
        metrics.gauge("signoff.database.reachable", "1 while the last statement reached the database", () -> database.reachable() ? 1 : 0);
        metrics.gauge("signoff.revocation.pending.writes", "logouts waiting for the database to take their revocation", pending::size);
    }

    /** The MBeans of the meters, under {@code domain}. */
    private static JmxMeterRegistry jmxRegistry(String domain) {
        JmxConfig config = new JmxConfig() {
            @Override
            public String domain() {
                return domain;
            }

            @Override
            public String get(String key) {
                return null;
            }
        };
        return new JmxMeterRegistry(config, io.micrometer.core.instrument.Clock.SYSTEM);
    }

    Signoff signoff() {
        return signoff;
    }

    HttpSessionRegistry httpSessions() {
        return part(HttpSessionRegistry.class);
    }

    /** Whether the revocation view is older than {@code signoff.revocation.max-staleness} (the database is unreachable). */
    private boolean revocationsStale() {
        long bound = settings.maxStaleness().toMillis();
        return bound > 0 && clock.millis() - revocations.syncedAt() > bound;
    }

    @Override
    public <T> T part(Class<T> type) {
        Object part = parts.get(type);
        if (part == null) {
            throw new IllegalStateException("Signoff has no part " + type.getName());
        }
        return type.cast(part);
    }

    @Override
    public CommonSettings common() {
        return common;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S settings(String kind, String name, ConfigSource initParams, Component<S> component) {
        Object parsed = componentSettings.get(key(kind, name));
        return parsed != null ? (S) parsed : parse(kind, name, initParams, component, common);
    }

    static String key(String kind, String name) {
        return kind + " " + name;
    }

    /** Parses a component's init-params; an error names the registration as well as the parameter. */
    static <S> S parse(String kind, String name, ConfigSource initParams, Component<S> component, CommonSettings common) {
        try {
            return component.parseSettings(initParams, common);
        } catch (ConfigException e) {
            throw new ConfigException(e.parameter(), "in " + kind + " '" + name + "': "
                    + e.getMessage().substring(e.parameter().length() + 2));
        }
    }

    @Override
    public void close() {
        if (jmx != null) {
            jmx.close();
        }
        prometheus.close();
        if (bus != null) {
            bus.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (purger != null) {
            purger.close();
        }
        sync.close();
        if (storedKeys != null) {
            storedKeys.close();
        }
        database.close();
    }
}
