package dev.signoff.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Deletes rows that can no longer refuse or accept anything, so that Signoff's tables do not grow forever:
 * refresh tokens past their expiry, sessions expired or revoked longer ago than any of their access tokens can
 * live, revoked access-token ids past their token's expiry, and "logout on all devices" records older than any
 * token they could refuse. Each batch is one short transaction of at most {@code batchSize} rows per table, and
 * runs continue until a table has no more; the first run starts at a random moment within the first interval.
 *
 * <p>Several nodes purging at once is harmless: each deletion checks its condition again on the row as it is
 * deleted, and rows another node removed meanwhile are simply not there any more. A failed run is logged and
 * retried at the next interval. Runs on one daemon thread, stopped by {@link #close()}.
 */
public final class ExpiredRowPurger implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ExpiredRowPurger.class.getName());

    private final TokenStore store;
    private final Clock clock;
    private final int batchSize;
    private final long horizonMillis;
    private final long skewMillis;
    private final long subjectKeepMillis;
    private final ScheduledExecutorService executor;
    private final java.util.function.IntSupplier endLapsed;

    /** How many rows one run deleted, per table. */
    public record Purged(int refreshTokens, int sessions, int revokedTokens, int subjectRevocations) {

        public int total() {
            return refreshTokens + sessions + revokedTokens + subjectRevocations;
        }
    }

    /**
     * @param horizonMillis     how long an access token can be presented after it was issued: its lifetime plus the
     *                          clock skew
     * @param skewMillis        the clock skew tolerated on {@code exp}
     * @param subjectKeepMillis how long a "logout on all devices" record is kept: the refresh-token lifetime plus
     *                          {@code horizonMillis}
     */
    public ExpiredRowPurger(TokenStore store, Clock clock, int batchSize, long horizonMillis, long skewMillis, long subjectKeepMillis) {
        this(store, clock, batchSize, horizonMillis, skewMillis, subjectKeepMillis, () -> 0);
    }

    /**
     * @param endLapsed run first in every run: ends the sessions whose idle timeout or maximum lifetime has passed
     *                  (through the logout steps, so that they are revoked everywhere before their rows go), and
     *                  answers how many
     */
    public ExpiredRowPurger(TokenStore store, Clock clock, int batchSize, long horizonMillis, long skewMillis, long subjectKeepMillis,
                            java.util.function.IntSupplier endLapsed) {
        this.endLapsed = endLapsed;
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
        this.horizonMillis = horizonMillis;
        this.skewMillis = skewMillis;
        this.subjectKeepMillis = subjectKeepMillis;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "signoff-purge");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
    }

    /** Runs {@link #purgeNow()} every {@code interval}, the first time after a random part of it. */
    public ExpiredRowPurger start(Duration interval) {
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runQuietly, ThreadLocalRandom.current().nextLong(ms), ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Deletes every row that is dead now, batch by batch.
     *
     * @throws StoreException when the database fails; the batches committed before stay deleted
     */
    public Purged purgeNow() {
        int lapsed = endLapsed.getAsInt();
        if (lapsed > 0) {
            LOG.log(System.Logger.Level.INFO, "ended {0} sessions past their idle timeout or maximum lifetime", lapsed);
        }
        long now = clock.millis();
        int refreshTokens = drain(() -> store.purgeRefreshTokens(now, batchSize));
        int sessions = drain(() -> store.purgeSessions(now - horizonMillis, now - horizonMillis, batchSize));
        int revokedTokens = drain(() -> store.purgeRevokedTokens(now - skewMillis, batchSize));
        int subjects = drain(() -> store.purgeSubjectRevocations(now - subjectKeepMillis, batchSize));
        return new Purged(refreshTokens, sessions, revokedTokens, subjects);
    }

    private int drain(java.util.function.IntSupplier batch) {
        int total = 0;
        int n;
        do {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            n = batch.getAsInt();
            total += n;
        } while (n >= batchSize);
        return total;
    }

    private void runQuietly() {
        try {
            Purged purged = purgeNow();
            if (purged.total() > 0) {
                LOG.log(System.Logger.Level.INFO, "purged expired rows: {0} refresh tokens, {1} sessions, {2} revoked access tokens, "
                        + "{3} logouts on all devices", purged.refreshTokens(), purged.sessions(), purged.revokedTokens(),
                        purged.subjectRevocations());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "purging expired rows failed, retried at the next interval: {0}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
