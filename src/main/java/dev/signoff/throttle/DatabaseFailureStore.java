package dev.signoff.throttle;

import dev.signoff.store.LoginFailure;
import dev.signoff.store.LoginFailures;

/**
 * Failed logins counted in the database ({@code signoff.login.throttle-store=database}): every node sees the same
 * counts, so the limit holds across the cluster. One short transaction per read and per failure, on the login path
 * only (never on an authenticated request). Old rows are deleted with every hundredth failure. Thread-safe.
 */
public final class DatabaseFailureStore implements FailureStore {

    private final LoginFailures table;
    private final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

    public DatabaseFailureStore(LoginFailures table) {
        this.table = table;
    }

    @Override
    public Failures read(String key, long now, long windowMillis) {
        LoginFailure found = table.read(key, now, windowMillis);
        return found == null ? null : new Failures((int) Math.min(Integer.MAX_VALUE, found.failures()), found.lastFailure());
    }

    @Override
    public void failed(String key, long now, long windowMillis) {
        table.failed(key, now, windowMillis);
        if (writes.incrementAndGet() % 100 == 0) {
            table.purge(now - windowMillis);
        }
    }

    @Override
    public void clear(String key) {
        table.clear(key);
    }
}
