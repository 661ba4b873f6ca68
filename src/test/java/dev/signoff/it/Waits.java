package dev.signoff.it;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Waiting for a war under test to reach a state, and tearing down what a test class started. */
public final class Waits {

    private Waits() {
    }

    /** Milliseconds from {@code since} (nanoTime) until {@code status} answers {@code expected}, asking every 50 ms, at most 60 s. */
    public static long until(long since, int expected, IntSupplier status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (status.getAsInt() == expected) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + expected + " within 60 s");
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
