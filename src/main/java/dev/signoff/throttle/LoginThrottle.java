package dev.signoff.throttle;

import java.time.Clock;
import java.util.Locale;

/**
 * Slows down password guessing at the login servlet. After {@code max-failures} failed logins of one username, or
 * {@code max-failures-per-address} from one address, each remembered while the next comes within the window, an
 * attempt is answered 429 without being checked, until a wait has passed since the last failure: {@value #FIRST_WAIT_SECONDS} s
 * at the limit, doubling with each further failure, never longer than the window. A success forgets the username's
 * failures (not the address's). Unknown and known usernames are counted alike, so the answers tell nothing about
 * which users exist. Usernames are counted case-insensitively. This class is thread-safe.
 */
public final class LoginThrottle {

    static final long FIRST_WAIT_SECONDS = 60;

    private final ThrottleSettings settings;
    private final FailureStore store;
    private final Clock clock;

    public LoginThrottle(ThrottleSettings settings, FailureStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /** How many seconds the caller must wait before this attempt is checked; 0 when it may go on now. */
    public long retryAfterSeconds(String username, String address) {
        long now = clock.millis();
        long window = settings.window().toMillis();
        long wait = waitMillis(store.read(userKey(username), now, window), settings.maxFailures(), now);
        if (address != null) {
            wait = Math.max(wait, waitMillis(store.read(addressKey(address), now, window), settings.maxFailuresPerAddress(), now));
        }
        return wait <= 0 ? 0 : (wait + 999) / 1000;
    }

    /** The realm refused the attempt. */
    public void failed(String username, String address) {
        long now = clock.millis();
        long window = settings.window().toMillis();
        store.failed(userKey(username), now, window);
        if (address != null) {
            store.failed(addressKey(address), now, window);
        }
    }

    /** The realm accepted the attempt: the username's failures are forgotten. */
    public void succeeded(String username) {
        store.clear(userKey(username));
    }

    /** The time left of the wait imposed by {@code failures} under {@code limit}, ms; 0 or less for none. */
    private long waitMillis(FailureStore.Failures failures, int limit, long now) {
        if (failures == null || failures.count() < limit) {
            return 0;
        }
        int doublings = Math.min(failures.count() - limit, 30);
        long wait = Math.min(settings.window().toMillis(), FIRST_WAIT_SECONDS * 1000 << doublings);
        return failures.lastFailure() + wait - now;
    }

    static String userKey(String username) {
        return "user:" + username.toLowerCase(Locale.ROOT);
    }

    static String addressKey(String address) {
        return "address:" + address;
    }
}
