package dev.signoff.health;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether this node should receive traffic: the database answers a trivial statement, and the revocation view was
 * read within {@code signoff.revocation.max-staleness} (a {@code 0s} bound is never stale). The database is asked at
 * most once per {@value #CHECK_INTERVAL_MS} ms, however often the probe comes; the answer in between is the last
 * one. This class is thread-safe.
 */
public final class Readiness {

    static final long CHECK_INTERVAL_MS = 1_000;

    /** Why the node is not ready, as {@code /health/ready} names it. */
    public enum Reason {
        DATABASE_UNREACHABLE("database_unreachable"),
        REVOCATIONS_STALE("revocations_stale");

        private final String external;

        Reason(String external) {
            this.external = external;
        }

        public String external() {
            return external;
        }
    }

    private final BooleanSupplier databaseAnswers;
    private final LongSupplier syncedAt;
    private final long maxStalenessMillis;
    private final Clock clock;
    private long checkedAt = Long.MIN_VALUE;
    private boolean answered;

    /**
     * @param databaseAnswers    runs one trivial statement: whether it succeeded
     * @param syncedAt           when the revocation view was last read from the database, epoch ms
     * @param maxStalenessMillis the staleness bound; 0 for none
     */
    public Readiness(BooleanSupplier databaseAnswers, LongSupplier syncedAt, long maxStalenessMillis, Clock clock) {
        this.databaseAnswers = databaseAnswers;
        this.syncedAt = syncedAt;
        this.maxStalenessMillis = maxStalenessMillis;
        this.clock = clock;
    }

    /** {@code null} when ready, else why not. */
    public Reason check() {
        if (!databaseAnswers()) {
            return Reason.DATABASE_UNREACHABLE;
        }
        if (maxStalenessMillis > 0 && clock.millis() - syncedAt.getAsLong() > maxStalenessMillis) {
            return Reason.REVOCATIONS_STALE;
        }
        return null;
    }

    private synchronized boolean databaseAnswers() {
        long now = clock.millis();
        if (checkedAt == Long.MIN_VALUE || now - checkedAt >= CHECK_INTERVAL_MS || now < checkedAt) {
            answered = databaseAnswers.getAsBoolean();
            checkedAt = clock.millis();
        }
        return answered;
    }
}
