package dev.signoff.throttle;

import dev.signoff.config.Params;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Login throttling ({@code signoff.login.*}), parsed once.
 *
 * @param maxFailures           failed logins of one username before it is throttled
 *                              ({@code signoff.login.max-failures}, default 5, 1 to 1000)
 * @param maxFailuresPerAddress failed logins from one address before it is throttled
 *                              ({@code signoff.login.max-failures-per-address}, default 20, 1 to 100000)
 * @param window                how long failures are remembered after the last one, and the longest wait
 *                              ({@code signoff.login.failure-window}, default 15m, 10s to 1d)
 * @param database              whether the failures are counted in the database, for a limit that holds across the
 *                              cluster ({@code signoff.login.throttle-store=database}), or in this node's memory
 *                              ({@code memory}, the default: N nodes allow up to N times the count)
 */
public record ThrottleSettings(int maxFailures, int maxFailuresPerAddress, Duration window, boolean database) {

    public static final String MAX_FAILURES = "signoff.login.max-failures";
    public static final String MAX_FAILURES_PER_ADDRESS = "signoff.login.max-failures-per-address";
    public static final String FAILURE_WINDOW = "signoff.login.failure-window";
    public static final String STORE = "signoff.login.throttle-store";

    public static final Set<String> NAMES = Set.of(MAX_FAILURES, MAX_FAILURES_PER_ADDRESS, FAILURE_WINDOW, STORE);

    public static ThrottleSettings parse(Params params) {
        return new ThrottleSettings(
                params.integer(MAX_FAILURES, 5, 1, 1000),
                params.integer(MAX_FAILURES_PER_ADDRESS, 20, 1, 100_000),
                params.duration(FAILURE_WINDOW, Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofDays(1)),
                "database".equals(params.oneOf(STORE, "memory", List.of("memory", "database"))));
    }
}
