package dev.signoff.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.fakes.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ThrottleSettings settings = new ThrottleSettings(3, 5, Duration.ofMinutes(15), false);
    private final LoginThrottle throttle = new LoginThrottle(settings, new MemoryFailureStore(), clock);

    private void later(Duration duration) {
        clock.now = clock.now.plus(duration);
    }

    @Test
    void aUsernameMayFailUpToItsLimitThenWaitsAMinuteThatDoublesWithEachFurtherFailureUpToTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, throttle.retryAfterSeconds("pat", "192.0.2.1"), "failure " + i + " is let through");
            throttle.failed("pat", "192.0.2.1");
        }
        assertEquals(60, throttle.retryAfterSeconds("pat", "192.0.2.2"), "the limit: a minute, from any address");
        later(Duration.ofSeconds(59));
        assertEquals(1, throttle.retryAfterSeconds("pat", "192.0.2.2"));
        later(Duration.ofSeconds(1));
        assertEquals(0, throttle.retryAfterSeconds("pat", "192.0.2.2"), "the wait is over: one more try");
        long[] expected = {120, 240, 480, 900};
        for (long wait : expected) {
            throttle.failed("pat", "192.0.2.2");
            assertEquals(wait, throttle.retryAfterSeconds("pat", "192.0.2.3"));
            later(Duration.ofSeconds(wait));
        }
        throttle.failed("pat", "192.0.2.3");
        assertEquals(0, throttle.retryAfterSeconds("pat", "192.0.2.3"), "a wait of the whole window forgets the count");
    }

    @Test
    void theCountIsForgottenAWindowAfterTheLastFailure() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("pat", null);
        }
        later(Duration.ofMinutes(15));
        assertEquals(0, throttle.retryAfterSeconds("pat", null));
        throttle.failed("pat", null);
        assertEquals(0, throttle.retryAfterSeconds("pat", null), "counting starts again at one");
    }

    @Test
    void aSuccessForgetsTheUsernameButNotTheAddress() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(i < 2 ? "pat" : "guess" + i, "192.0.2.9");
        }
        throttle.succeeded("pat");
        assertEquals(0, throttle.retryAfterSeconds("pat", "192.0.2.8"));
        assertEquals(60, throttle.retryAfterSeconds("pat", "192.0.2.9"), "the address made five failures");
    }

    @Test
    void unknownAndKnownUsernamesAreCountedAlikeAndCaseDoesNotMatter() {
        for (int i = 0; i < 3; i++) {
            throttle.failed(i % 2 == 0 ? "Nobody" : "NOBODY", "192.0.2.1");
        }
        assertTrue(throttle.retryAfterSeconds("nobody", "192.0.2.4") > 0);
    }
}
