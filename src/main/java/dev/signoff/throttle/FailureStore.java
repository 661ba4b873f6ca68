package dev.signoff.throttle;

/**
 * Where failed logins are counted, by key ({@code user:NAME} or {@code address:ADDR}). A count is forgotten once a
 * whole window has passed since its last failure. Implementations are thread-safe.
 */
public interface FailureStore {

    /** The failures of one key: how many, and when the last one was (epoch ms). */
    record Failures(int count, long lastFailure) {
    }

    /** The failures of {@code key} still remembered at {@code now}, or {@code null}. */
    Failures read(String key, long now, long windowMillis);

    /** Counts one more failure of {@code key} at {@code now}. */
    void failed(String key, long now, long windowMillis);

    /** Forgets the failures of {@code key}. */
    void clear(String key);
}
