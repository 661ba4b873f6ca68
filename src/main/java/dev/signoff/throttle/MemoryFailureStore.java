package dev.signoff.throttle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted in this node's memory (the default store): each node of a cluster counts its own, so N nodes
 * allow up to N times the configured count. At most {@value #MAX_KEYS} keys are held; beyond, the ones past their
 * window are dropped, and if none is, the whole map (a flood of distinct names must not exhaust the heap). Thread-safe.
 */
public final class MemoryFailureStore implements FailureStore {

    static final int MAX_KEYS = 100_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Override
    public Failures read(String key, long now, long windowMillis) {
        Failures found = failures.get(key);
        return found == null || now - found.lastFailure() >= windowMillis ? null : found;
    }

    @Override
    public void failed(String key, long now, long windowMillis) {
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> now - f.lastFailure() >= windowMillis);
            if (failures.size() >= MAX_KEYS) {
                failures.clear();
            }
        }
        failures.compute(key, (k, old) -> old == null || now - old.lastFailure() >= windowMillis
                ? new Failures(1, now) : new Failures(old.count() + 1, Math.max(now, old.lastFailure())));
    }

    @Override
    public void clear(String key) {
        failures.remove(key);
    }
}
