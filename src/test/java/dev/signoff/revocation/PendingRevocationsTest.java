package dev.signoff.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PendingRevocationsTest {

    @Test
    void writesInOrderAndStopsAtTheFirstFailure() {
        PendingRevocations pending = new PendingRevocations();
        List<String> written = new ArrayList<>();
        boolean[] databaseUp = {false};
        for (String what : List.of("a", "b", "c")) {
            pending.add(what, () -> {
                if (!databaseUp[0]) {
                    throw new IllegalStateException("database unavailable");
                }
                written.add(what);
            });
        }
        assertThrows(IllegalStateException.class, pending::flush);
        assertEquals(3, pending.size());
        databaseUp[0] = true;
        pending.flush();
        assertEquals(List.of("a", "b", "c"), written);
        assertEquals(0, pending.size());
    }

    @Test
    void aWriteTheDatabaseRefusesForGoodIsGivenUpSoThatTheOthersGoThrough() {
        PendingRevocations pending = new PendingRevocations();
        List<String> written = new ArrayList<>();
        pending.add("refused", () -> {
            throw new IllegalStateException("constraint violated");
        });
        pending.add("fine", () -> written.add("fine"));
        for (int i = 0; i < PendingRevocations.STRIKES; i++) {
            RuntimeException e = assertThrows(IllegalStateException.class, pending::flush);
            pending.failedWhileReachable(e);
        }
        pending.flush();
        assertEquals(List.of("fine"), written);
    }

    @Test
    void isBounded() {
        PendingRevocations pending = new PendingRevocations();
        for (int i = 0; i < PendingRevocations.CAPACITY + 5; i++) {
            pending.add("logout " + i, () -> { });
        }
        assertEquals(PendingRevocations.CAPACITY, pending.size());
    }

    /**
     * A write stuck on the database (here on a latch, as on a silent database until the network timeout) holds no
     * lock that a logout failing meanwhile needs: {@code add} and {@code size} return while the write is stuck, and
     * what was added is written after it, in the same flush.
     */
    @Test
    void addNeverWaitsBehindAWriteThatIsStuck() throws Exception {
        PendingRevocations pending = new PendingRevocations();
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pending.add("stuck", () -> {
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            written.add("stuck");
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> flush = threads.submit(pending::flush);
            assertTrue(entered.await(5, TimeUnit.SECONDS), "the flush started the write");
            long started = System.nanoTime();
            Future<Integer> logout = threads.submit(() -> {
                pending.add("added while stuck", () -> written.add("added while stuck"));
                return pending.size();
            });
            assertEquals(2, logout.get(5, TimeUnit.SECONDS), "add returned while the write was stuck");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("PENDING: add() returned in %d ms while a flush's write was stuck%n", tookMillis);
            assertFalse(flush.isDone(), "the write was still stuck");
            pending.flush(); // a second flush meanwhile returns at once and writes nothing itself
            assertEquals(List.of(), written);

            release.countDown();
            flush.get(5, TimeUnit.SECONDS);
            assertEquals(List.of("stuck", "added while stuck"), written, "in order, in the same flush");
            assertEquals(0, pending.size());
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aWriteDroppedForCapacityWhileItRunsIsNotConfusedWithTheNext() throws Exception {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(PendingRevocations.class.getName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.WARNING); // ten thousand "now recorded" lines say nothing here
        try {
            writeWhileDroppedForCapacity();
        } finally {
            log.setLevel(level);
        }
    }

    private static void writeWhileDroppedForCapacity() throws Exception {
        PendingRevocations pending = new PendingRevocations();
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pending.add("first", () -> {
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            written.add("first");
        });
        CompletableFuture<Void> flush = CompletableFuture.runAsync(pending::flush);
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < PendingRevocations.CAPACITY; i++) {
            String what = "logout " + i;
            pending.add(what, () -> written.add(what));
        }
        release.countDown();
        flush.get(30, TimeUnit.SECONDS);
        assertEquals(PendingRevocations.CAPACITY + 1, written.size(), "the first once, then every one kept");
        assertEquals("logout 0", written.get(1), "none after the first was skipped");
        assertEquals(0, pending.size());
    }
}
