package dev.signoff;

import dev.signoff.bus.RedisSettings;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.http.CookieSpec;
import dev.signoff.store.DatabaseSettings;
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
 * @param redis          the Redis revocation bus ({@code signoff.revocation.redis-*}), or {@code null} for none
 */
public record SignoffSettings(TokenSettings tokens, DatabaseSettings database, CookieSpec accessCookie, CookieSpec refreshCookie,
                              Duration syncInterval, Duration maxStaleness, boolean notifications, Duration purgeInterval,
                              int purgeBatchSize, RedisSettings redis) {

    public static final String ACCESS_COOKIE = "signoff.cookie.access";
    public static final String REFRESH_COOKIE = "signoff.cookie.refresh";
    public static final String SYNC_INTERVAL = "signoff.revocation.sync-interval";
    public static final String MAX_STALENESS = "signoff.revocation.max-staleness";
    public static final String NOTIFY = "signoff.revocation.notify";
    public static final String PURGE_INTERVAL = "signoff.purge.interval";
    public static final String PURGE_BATCH_SIZE = "signoff.purge.batch-size";

    /** Every context-param Signoff reads; any other {@code signoff.*} context-param fails the deployment. */
    public static final Set<String> NAMES;

    static {
        Set<String> names = new HashSet<>(TokenSettingsParser.NAMES);
        names.addAll(DatabaseSettings.NAMES);
        names.addAll(CookieSpec.names(ACCESS_COOKIE));
        names.addAll(CookieSpec.names(REFRESH_COOKIE));
        names.addAll(List.of(SYNC_INTERVAL, MAX_STALENESS, NOTIFY, PURGE_INTERVAL, PURGE_BATCH_SIZE));
        names.addAll(RedisSettings.NAMES);
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
        return new SignoffSettings(
                TokenSettingsParser.parse(params),
                DatabaseSettings.parse(params),
                CookieSpec.parse(params, ACCESS_COOKIE, contextPath),
                CookieSpec.parse(params, REFRESH_COOKIE, contextPath),
                params.duration(SYNC_INTERVAL, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofHours(1)),
                params.duration(MAX_STALENESS, Duration.ofSeconds(60), Duration.ZERO, Duration.ofDays(1)),
                params.bool(NOTIFY, true),
                purgeInterval(params),
                params.integer(PURGE_BATCH_SIZE, 500, 1, 100_000),
                RedisSettings.parse(params));
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
