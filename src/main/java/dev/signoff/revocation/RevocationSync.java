package dev.signoff.revocation;

import dev.signoff.store.RevocationChanges;
import dev.signoff.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link RevocationView} in step with the database: loads every revocation that can still matter at
 * start, then every {@code interval} reads what was recorded since the previous read (minus an overlap that
 * covers clock differences between nodes and slow commits; re-reading a row is harmless). Before each read it
 * writes the {@link PendingRevocations} the database missed. A failed read is logged once per outage and retried
 * at the next tick; the view keeps its last state meanwhile.
 *
 * <p>Runs on one daemon thread, stopped by {@link #close()}.
 */
public final class RevocationSync implements AutoCloseable {

    /** How long {@link #close()} waits for a read under way. */
    private static final long CLOSE_WAIT_MS = 5_000;

    private static final System.Logger LOG = System.getLogger(RevocationSync.class.getName());

    private final TokenStore store;
    private final RevocationView view;
    private final Clock clock;
    private final long overlapMillis;
    private final PendingRevocations pending;
    private final ScheduledExecutorService executor;
    private volatile long lastReadStartedAt;
    private volatile boolean failing;

    /**
     * @param horizonMillis how far back the first load reaches: the access-token lifetime plus the clock skew
     * @param overlapMillis how far each read reaches back before the previous one
     */
    public RevocationSync(TokenStore store, RevocationView view, Clock clock, long horizonMillis, long overlapMillis,
                          PendingRevocations pending) {
        this.store = store;
        this.view = view;
        this.clock = clock;
        this.overlapMillis = overlapMillis;
        this.pending = pending;
        long now = clock.millis();
        view.apply(store.changesSince(now - horizonMillis));
        view.synced(now);
        this.lastReadStartedAt = now;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "signoff-revocation-sync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the periodic reads. */
    public RevocationSync start(Duration interval) {
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(this::readNow, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One read; also what the schedule runs, and what a reconnected listener asks for to catch up. */
    public synchronized void readNow() {
        long startedAt = clock.millis();
        RuntimeException flushFailure = null;
        try {
            pending.flush();
        } catch (RuntimeException e) {
            flushFailure = e;
        }
        try {
            RevocationChanges changes = store.changesSince(lastReadStartedAt - overlapMillis);
            view.apply(changes);
            view.prune(startedAt);
            view.synced(startedAt);
            lastReadStartedAt = startedAt;
            if (flushFailure != null) {
                pending.failedWhileReachable(flushFailure);
            }
            if (failing) {
                failing = false;
                LOG.log(System.Logger.Level.INFO, "revocation sync works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(System.Logger.Level.WARNING, "revocation sync cannot read the database ({0}); "
                        + "using the revocations known so far", e.getMessage());
            }
        }
    }

    /**
     * Stops the thread and waits (at most {@link #CLOSE_WAIT_MS} ms) for a read under way to end, so that the database
     * closed next is not closed under it.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(CLOSE_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
