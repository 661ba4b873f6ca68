package dev.signoff;

import dev.signoff.audit.AuditSettings;
import dev.signoff.bus.RedisSettings;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.http.CookieSpec;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.keys.KeySettings;
import dev.signoff.legacy.LegacyColumnSettings;
import dev.signoff.sessions.SessionSettings;
import dev.signoff.oauth.IntrospectionSettings;
import dev.signoff.oidc.OidcSettings;
import dev.signoff.metrics.MetricsSettings;
import dev.signoff.store.DatabaseSettings;
import dev.signoff.throttle.ThrottleSettings;
import dev.signoff.token.TokenSettings;
import dev.signoff.token.TokenSettingsParser;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything configured by {@code signoff.*} context-params, parsed once when the web application starts.
 *
 * @param tokens         token issuing and verification
 * @param database       where the tables live
 * @param accessCookie   the cookie holding the access token ({@code signoff.cookie.access.*}), or {@code null}
 * @param refreshCookie  the cookie holding the refresh token ({@code signoff.cookie.refresh.*}), or {@code null}
 * @param syncInterval   how often revocations recorded by other nodes are read
 *                       ({@code signoff.revocation.sync-interval}, default 1s)
 * @param maxStaleness   how long authentication goes on with a revocation view the database could not refresh,
 *                       before it refuses with 503 ({@code signoff.revocation.max-staleness}, default 60s;
 *                       {@code 0s} never refuses)
 * @param notifications  on PostgreSQL, announce revocations with {@code NOTIFY} and listen for other nodes' ones
 *                       ({@code signoff.revocation.notify}, default true); ignored on other databases
 * @param purgeInterval  how often rows past their usefulness are deleted ({@code signoff.purge.interval}, default
 *                       1h; {@code 0s} never)
 * @param purgeBatchSize rows deleted per table and transaction ({@code signoff.purge.batch-size}, default 500)
 * @param crossSite      which browser requests count as cross-site and are refused ({@code signoff.allowed-origins},
 *                       default none beyond the request's own origin)
 * @param legacy         the application's own token column that every logout clears ({@code signoff.legacy.*}), or
 *                       {@code null}
 * @param redis          the Redis revocation bus ({@code signoff.revocation.redis-*}), or {@code null} for none
 * @param listeners      class names of the application's {@link dev.signoff.events.SignoffEventListener}s
 *                       ({@code signoff.listeners}, comma-separated; default none), besides those found by
 *                       {@link java.util.ServiceLoader}
 * @param logoutSteps    class names of the application's {@link dev.signoff.logout.LogoutStep}s
 *                       ({@code signoff.logout-steps}, comma-separated, run in this order after the revocation;
 *                       default none), besides those found by {@link java.util.ServiceLoader}
 * @param sessions       the login sessions' idle timeout, maximum lifetime and per-user limit ({@code signoff.session.*})
 * @param introspection  the client allowed to call RFC 7662 introspection ({@code signoff.introspection.*}), or
 *                       {@code null}: the endpoint answers 404
 * @param oidc           the OpenID Provider whose back-channel logouts are received ({@code signoff.oidc.*}), or
 *                       {@code null}: the endpoint answers 404
 * @param keyStore       the rotation and encryption of the signing keys Signoff keeps in its database when none is
 *                       configured ({@code signoff.key-rotation}, {@code signoff.key-encryption-key})
 * @param audit          the audit trail ({@code signoff.audit.*})
 * @param throttle       login throttling ({@code signoff.login.*})
 * @param metrics        where the meters are exposed ({@code signoff.metrics.*})
 */
public record SignoffSettings(TokenSettings tokens, DatabaseSettings database, CookieSpec accessCookie, CookieSpec refreshCookie,
                              Duration syncInterval, Duration maxStaleness, boolean notifications, Duration purgeInterval,
                              int purgeBatchSize, CrossSiteGuard crossSite, LegacyColumnSettings legacy,
                              RedisSettings redis, List<String> listeners, List<String> logoutSteps,
                              SessionSettings sessions, IntrospectionSettings introspection, OidcSettings oidc,
                              KeySettings keyStore, AuditSettings audit, ThrottleSettings throttle,
                              MetricsSettings metrics) {

    public static final String ACCESS_COOKIE = CommonSettings.ACCESS_COOKIE;
    public static final String REFRESH_COOKIE = CommonSettings.REFRESH_COOKIE;
    public static final String SYNC_INTERVAL = "signoff.revocation.sync-interval";
    public static final String MAX_STALENESS = "signoff.revocation.max-staleness";
    public static final String NOTIFY = "signoff.revocation.notify";
    public static final String PURGE_INTERVAL = "signoff.purge.interval";
    public static final String PURGE_BATCH_SIZE = "signoff.purge.batch-size";
    public static final String LISTENERS = "signoff.listeners";
    public static final String LOGOUT_STEPS = "signoff.logout-steps";

    /** Every context-param Signoff reads; any other {@code signoff.*} context-param fails the deployment. */
    public static final Set<String> NAMES;

    static {
        Set<String> names = new HashSet<>(TokenSettingsParser.NAMES);
        names.addAll(DatabaseSettings.NAMES);
        names.addAll(LegacyColumnSettings.NAMES);
        names.addAll(CookieSpec.names(ACCESS_COOKIE));
        names.addAll(CookieSpec.names(REFRESH_COOKIE));
        names.addAll(List.of(SYNC_INTERVAL, MAX_STALENESS, NOTIFY, PURGE_INTERVAL, PURGE_BATCH_SIZE, LISTENERS, LOGOUT_STEPS,
                CrossSiteGuard.ALLOWED_ORIGINS));
        names.addAll(RedisSettings.NAMES);
        names.addAll(SessionSettings.NAMES);
        names.addAll(IntrospectionSettings.NAMES);
        names.addAll(OidcSettings.NAMES);
        names.addAll(KeySettings.NAMES);
        names.addAll(AuditSettings.NAMES);
        names.addAll(ThrottleSettings.NAMES);
        names.addAll(MetricsSettings.NAMES);
        NAMES = Set.copyOf(names);
    }

    /** {@link #parse(ConfigSource, String)} for an application at the root context. */
    public static SignoffSettings parse(ConfigSource context) {
        return parse(context, "");
    }

    /**
     * @param context     the context-params
     * @param contextPath the application's context path ({@code ""} for the root): cookie paths are relative to it
     */
    public static SignoffSettings parse(ConfigSource context, String contextPath) {
        context.rejectUnknown(Set.of(), "signoff.", NAMES);
        Params params = new Params(context);
        TokenSettings tokens = TokenSettingsParser.parse(params);
        return new SignoffSettings(
                tokens,
                DatabaseSettings.parse(params),
                CookieSpec.parse(params, ACCESS_COOKIE, contextPath),
                CookieSpec.parse(params, REFRESH_COOKIE, contextPath),
                params.duration(SYNC_INTERVAL, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofHours(1)),
                params.duration(MAX_STALENESS, Duration.ofSeconds(60), Duration.ZERO, Duration.ofDays(1)),
                params.bool(NOTIFY, true),
                purgeInterval(params),
                params.integer(PURGE_BATCH_SIZE, 500, 1, 100_000),
                CrossSiteGuard.parse(context.get(CrossSiteGuard.ALLOWED_ORIGINS)),
                LegacyColumnSettings.parse(params),
                RedisSettings.parse(params),
                classNames(params, LISTENERS),
                classNames(params, LOGOUT_STEPS),
                SessionSettings.parse(params, tokens),
                IntrospectionSettings.parse(params),
                OidcSettings.parse(params),
                KeySettings.parse(params, tokens.keys()),

                AuditSettings.parse(params),
                ThrottleSettings.parse(params),
                MetricsSettings.parse(params));
    }

    public SignoffSettings {
        listeners = List.copyOf(listeners);
        logoutSteps = List.copyOf(logoutSteps);
    }

    /** What Signoff's filters and servlets read of these settings. */
    public CommonSettings common() {
        return new CommonSettings(tokens, accessCookie, refreshCookie, crossSite);
    }

    private static List<String> classNames(Params params, String name) {
        List<String> names = params.list(name, List.of(), List.of());
        for (String className : names) {
            if (!className.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*")) {
                throw new dev.signoff.config.ConfigException(name, "'" + className + "' is not a class name");
            }
        }
        return names;
    }

    private static Duration purgeInterval(Params params) {
        Duration interval = params.duration(PURGE_INTERVAL, Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7));
        if (!interval.isZero() && interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new dev.signoff.config.ConfigException(PURGE_INTERVAL, "expected 0s (never) or a duration from 1s to 7d but was "
                    + interval.toMillis() + "ms");
        }
        return interval;
    }
}
