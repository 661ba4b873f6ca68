package dev.signoff.it;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The one polling helper of the tests: waiting for a war, a database or a thread to reach a state, with a bound
 * that fails the test and a pause between asks; and tearing down what a test class started. A condition is asked
 * at least once, and once more after the deadline, so that a slow last ask still counts.
 */
public final class Waits {

    /** How long a wait lasts unless told: far beyond any bound the configuration sets, so that only a hang fails it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The pause between asks unless told. */
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(50);

    private Waits() {
    }

    /** Milliseconds from {@code since} (nanoTime) until {@code status} answers {@code expected}, asking every 50 ms, at most 60 s. */
    public static long until(long since, int expected, IntSupplier status) throws InterruptedException {
        return until("status " + expected, since, DEFAULT_TIMEOUT, DEFAULT_PAUSE, () -> status.getAsInt() == expected);
    }

    /** Waits until {@code condition} holds, asking every 50 ms, at most 60 s; {@code what} names it in the failure. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, System.nanoTime(), DEFAULT_TIMEOUT, DEFAULT_PAUSE, condition);
    }

    /**
     * Milliseconds from {@code since} ({@link System#nanoTime()}) until {@code condition} holds, asking every
     * {@code pause}; fails the test with {@code what} when it does not hold {@code timeout} after {@code since}.
     */
    public static long until(String what, long since, Duration timeout, Duration pause, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = since + timeout.toNanos();
        while (true) {
            boolean late = System.nanoTime() - deadline > 0;
            if (condition.getAsBoolean()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
            }
            if (late) {
                throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms");
            }
            Thread.sleep(pause.toMillis());
        }
    }

    /** {@link #until(String, long, Duration, Duration, BooleanSupplier)} for code that cannot throw {@link InterruptedException}. */
    public static long uninterruptiblyUntil(String what, long since, Duration timeout, Duration pause, BooleanSupplier condition) {
        try {
            return until(what, since, timeout, pause, condition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted", e);
        }
    }

    /** Closes each of {@code resources} that is not {@code null}, in order: the wars before the databases they use. */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
