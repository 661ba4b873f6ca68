package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class ReachabilityTest {

    private static final RuntimeException SILENT = new StoreException("database operation failed",
            new RuntimeException("wrapped", new SQLException("An I/O error occurred", "08006", new SocketTimeoutException())));
    private static final RuntimeException ANSWERED = new StoreException("database operation failed",
            new SQLIntegrityConstraintViolationException("duplicate key", "23505"));

    private long now = 42;

    @Test
    void aSilentDatabaseIsTriedByOneCallASecondUntilOneGetsThrough() {
        Reachability reachability = new Reachability(() -> now);
        assertEquals(Reachability.Pass.OPEN, reachability.admit());
        reachability.done(Reachability.Pass.OPEN, SILENT);
        assertTrue(reachability.silent());
        assertEquals(Reachability.Pass.REFUSED, reachability.admit(), "the call that found it silent was a try");

        now += Reachability.RETRY_NANOS;
        Reachability.Pass probe = reachability.admit();
        assertEquals(Reachability.Pass.PROBE, probe);
        now += 5 * Reachability.RETRY_NANOS;
        assertEquals(Reachability.Pass.REFUSED, reachability.admit(), "one try at a time, however long it waits");
        reachability.done(probe, SILENT);
        assertTrue(reachability.silent());
        assertEquals(Reachability.Pass.REFUSED, reachability.admit(), "the next try waits a second after this one ended");

        now += Reachability.RETRY_NANOS;
        Reachability.Pass next = reachability.admit();
        assertEquals(Reachability.Pass.PROBE, next);
        reachability.done(next, null);
        assertFalse(reachability.silent());
        assertEquals(Reachability.Pass.OPEN, reachability.admit());
        assertEquals(Reachability.Pass.OPEN, reachability.admit());
    }

    @Test
    void onlyAFailureToReachTheDatabaseCountsAsSilence() {
        assertTrue(Reachability.isUnreachable(SILENT));
        assertTrue(Reachability.isUnreachable(new SQLException("Connection refused", "08001")));
        assertTrue(Reachability.isUnreachable(new RuntimeException(new SocketTimeoutException("Read timed out"))));
        assertFalse(Reachability.isUnreachable(ANSWERED), "a constraint violation is an answer");
        assertFalse(Reachability.isUnreachable(new SQLException("deadlock detected", "40P01")));
        assertFalse(Reachability.isUnreachable(new StoreException("no such session", null)));

        Reachability reachability = new Reachability(() -> now);
        reachability.done(Reachability.Pass.OPEN, SILENT);
        now += Reachability.RETRY_NANOS;
        reachability.done(reachability.admit(), ANSWERED);
        assertFalse(reachability.silent(), "an error the database reports proves that it answers");
    }
}
