package dev.signoff.revocation;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Revocations this node has applied in memory but could not write to the database (the logout was answered with
 * an error). They are written again, oldest first, each time the database is read successfully, so that a logout
 * made during an outage still reaches the database, and the other nodes, once it is back. At most
 * {@value #CAPACITY} are kept; beyond that the oldest is dropped with a warning, and so is one that fails
 * {@value #STRIKES} times while the database answers otherwise.
 *
 * <p>This class is thread-safe. The lock guards the queue only: {@link #flush()} takes the next write under it and
 * runs it outside, so that {@link #add} (called on a request thread by a logout that has just failed) never waits
 * behind a database call, which during an outage lasts up to the network timeout. One flush runs at a time.
 */
public final class PendingRevocations {

    static final int CAPACITY = 10_000;
    static final int STRIKES = 10;

    private static final System.Logger LOG = System.getLogger(PendingRevocations.class.getName());

    /** One database write; throws on failure and may be run more than once. */
    public interface Write {
        void run();
    }

    /** One waiting write; compared by identity, so that the one written is the one removed. */
    private static final class Entry {
        final String what;
        final Write write;

        Entry(String what, Write write) {
            this.what = what;
            this.write = write;
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private int strikes;
    private boolean flushing;

    /** Keeps {@code write}, described by {@code what} (no token or secret), for the next {@link #flush()}. Never blocks on a write. */
    public synchronized void add(String what, Write write) {
        if (entries.size() >= CAPACITY) {
            Entry dropped = entries.removeFirst();
            LOG.log(System.Logger.Level.WARNING, "too many revocations waiting for the database; {0} is given up", dropped.what);
        }
        entries.addLast(new Entry(what, write));
    }

    /**
     * Writes the waiting revocations in order, stopping at the first that fails; those added meanwhile are written in
     * the same flush, after the others. Returns at once while another thread flushes.
     *
     * @throws RuntimeException what the failing write threw; it and those after it stay waiting
     */
    public void flush() {
        synchronized (this) {
            if (flushing) {
                return;
            }
            flushing = true;
        }
        try {
            Entry entry;
            while ((entry = next()) != null) {
                entry.write.run();
                synchronized (this) {
                    // the entry may have been dropped meanwhile (capacity): then it was written all the same
                    entries.removeFirstOccurrence(entry);
                    strikes = 0;
                }
                LOG.log(System.Logger.Level.INFO, "{0}, which the database missed earlier, is now recorded", entry.what);
            }
        } finally {
            synchronized (this) {
                flushing = false;
            }
        }
    }

    private synchronized Entry next() {
        return entries.peekFirst();
    }

    /**
     * The first waiting write failed although the database answered other statements: after {@value #STRIKES}
     * such failures it is given up, so that one write the database refuses for good cannot hold back the rest.
     */
    public synchronized void failedWhileReachable(RuntimeException failure) {
        if (!entries.isEmpty() && ++strikes >= STRIKES) {
            Entry dropped = entries.removeFirst();
            strikes = 0;
            LOG.log(System.Logger.Level.WARNING, "{0} is given up: the database refused it {1} times ({2})", dropped.what, STRIKES,
                    failure.getMessage());
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
