package dev.signoff.sessions;

import dev.signoff.config.Params;
import dev.signoff.token.TokenSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How long a login session lives and how many one user may hold ({@code signoff.session.*}), following the OWASP
 * Session Management Cheat Sheet's idle and absolute timeouts. Both lifetimes are enforced when the session is
 * refreshed and by the purge ({@code signoff.purge.interval}), never on the authenticated request path. Immutable.
 *
 * @param idleTimeout a session not refreshed within it ends ({@value #IDLE_TIMEOUT}; default the refresh-token TTL;
 *                    5s to 365d)
 * @param maxLifetime no refresh beyond it after the login: the session ends ({@value #MAX_LIFETIME}; default 30d; 5s
 *                    to 365d)
 * @param maxPerUser  the most live sessions one user may hold ({@value #MAX_PER_USER}; default, and 0, no limit)
 * @param limitAction what a login beyond {@code maxPerUser} does ({@value #LIMIT_ACTION}; default
 *                    {@link LimitAction#EVICT_OLDEST})
 */
public record SessionSettings(Duration idleTimeout, Duration maxLifetime, int maxPerUser, LimitAction limitAction) {

    public static final String IDLE_TIMEOUT = "signoff.session.idle-timeout";
    public static final String MAX_LIFETIME = "signoff.session.max-lifetime";
    public static final String MAX_PER_USER = "signoff.session.max-per-user";
    public static final String LIMIT_ACTION = "signoff.session.limit-action";

    /** Every context-param these settings read. */
    public static final Set<String> NAMES = Set.of(IDLE_TIMEOUT, MAX_LIFETIME, MAX_PER_USER, LIMIT_ACTION);

    private static final Duration MIN = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofDays(365);

    /** What a login beyond {@code signoff.session.max-per-user} does. */
    public enum LimitAction {
        /** the oldest live sessions are ended, through the logout steps (reason {@code EVICTED}) */
        EVICT_OLDEST,
        /** the new login is refused: 409 from the login servlet, {@link SessionLimitException} from the Java API */
        REFUSE;

        /** The name in {@value SessionSettings#LIMIT_ACTION}: {@code evict-oldest}, {@code refuse}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Parses the {@code signoff.session.*} context-params; the idle timeout defaults to the refresh-token TTL. */
    public static SessionSettings parse(Params params, TokenSettings tokens) {
        String action = params.oneOf(LIMIT_ACTION, LimitAction.EVICT_OLDEST.value(),
                List.of(LimitAction.EVICT_OLDEST.value(), LimitAction.REFUSE.value()));
        return new SessionSettings(
                params.duration(IDLE_TIMEOUT, tokens.refreshTokenTtl(), MIN, MAX),
                params.duration(MAX_LIFETIME, Duration.ofDays(30), MIN, MAX),
                params.integer(MAX_PER_USER, 0, 0, 100_000),
                LimitAction.valueOf(action.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    /** Whether a user may hold any number of live sessions. */
    public boolean unlimited() {
        return maxPerUser == 0;
    }
}
