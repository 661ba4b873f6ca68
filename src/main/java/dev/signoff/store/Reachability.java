package dev.signoff.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Whether the database answers, as the last call found. After a call failed because the database could not be
 * reached or did not answer (a connection failure, SQLState class {@code 08}, or a socket timeout), calls fail at
 * once, except one at a time, starting a second ({@link #RETRY_NANOS}) after the previous try ended, which goes
 * through to find out whether the database answers again; the first call that reaches it ends the silence. The
 * revocation sync, which reads every sync interval, is usually that call, so requests rarely wait on a silent
 * database. Without this, every call would wait for its own timeouts, queued behind a pool that opens connections
 * one at a time, and a logout would answer its error status only after several network timeouts. A failure that the
 * database itself reports (a constraint, a deadlock) is an answer.
 *
 * <p>This class is thread-safe.
 */
final class Reachability {

    /** What a call may do. */
    enum Pass {
        /** The database answers: go ahead. */
        OPEN,
        /** The database was silent, and this call is the one that tries it; it must call {@link #done}. */
        PROBE,
        /** The database was silent and another call is trying it: fail at once. */
        REFUSED
    }

    /** How long after a try of the silent database ended (or found it silent) the next one may start. */
    static final long RETRY_NANOS = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean silent;
    /** When the last try of the silent database ended. */
    private volatile long lastTry;

    Reachability() {
        this(System::nanoTime);
    }

    /** @param nanoTime the monotonic clock, {@link System#nanoTime()} but in tests */
    Reachability(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    Pass admit() {
        if (!silent) {
            return Pass.OPEN;
        }
        long now = nanoTime.getAsLong();
        if (now - lastTry < RETRY_NANOS || !probing.compareAndSet(false, true)) {
            return Pass.REFUSED;
        }
        return Pass.PROBE;
    }

    /** The call with {@code pass} reached the database ({@code failure} is {@code null}) or failed with it. */
    void done(Pass pass, Throwable failure) {
        boolean unreachable = failure != null && isUnreachable(failure);
        if (pass == Pass.PROBE || unreachable && !silent) {
            lastTry = nanoTime.getAsLong();
        }
        silent = unreachable;
        if (pass == Pass.PROBE) {
            probing.set(false);
        }
    }

    boolean silent() {
        return silent;
    }

    /** Whether {@code failure} says that the database could not be reached or did not answer. */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
