package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signoff.it.TestDatabase;
import dev.signoff.it.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Races on the database under test, at the store level where two transactions really run at once: the same
 * refresh token rotated twice concurrently, and a rotation racing a logout (of the session, or of the user on all
 * devices), {@value #DEFAULT_ROUNDS} rounds each (system property {@code signoff.it.race-rounds}). The grace window
 * is 0, so at most one rotation may win each round; and once a logout has returned, no token of its session may
 * rotate, its session must be revoked, and the revocation must be visible to the other nodes' sync. Zero violations
 * and zero database errors are allowed. The rounds' outcomes are printed, to show that both orders happened.
 */
class RaceIT {

    static final int DEFAULT_ROUNDS = 1000;
    private static final int ROUNDS = Integer.getInteger("signoff.it.race-rounds", DEFAULT_ROUNDS);
    private static final long DAY = 86_400_000L;

    private static TestDatabase db;
    private static Database database;
    private static TokenStore store;
    private static ExecutorService threads;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("race");
        database = Database.open(new DatabaseSettings("none", db.url(), null, null, null, true, 4));
        store = new TokenStore(database);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        Waits.closeAll(database, db);
    }

    /** Runs both at the same moment (as far as two threads can) and returns their outcomes, failures included. */
    private static List<Object> atOnce(Callable<?> first, Callable<?> second) throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<?>> futures = new ArrayList<>();
        for (Callable<?> task : List.of(first, second)) {
            futures.add(threads.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                return task.call();
            }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<?> future : futures) {
            try {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a racing transaction hung for 60 s", e);
            }
        }
        return outcomes;
    }

    private static String hash(String prefix, int round, String what) {
        return Integer.toHexString(prefix.hashCode()) + "-" + round + "-" + what;
    }

    @Test
    void theSameRefreshTokenTwiceAtOnceRotatesAtMostOnce() throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            long now = System.currentTimeMillis();
            String sid = "double-" + round;
            String presented = hash("double", round, "0");
            String a = hash("double", round, "a");
            String b = hash("double", round, "b");
            store.createSession(sid, "double-user", List.of("user"), "race", "127.0.0.1", presented, now, now + DAY);
            List<Object> results = atOnce(() -> store.rotate(presented, a, System.currentTimeMillis(), 0, now + DAY),
                    () -> store.rotate(presented, b, System.currentTimeMillis(), 0, now + DAY));
            long winners = results.stream().filter(r -> r instanceof TokenStore.Rotated).count();
            boolean revoked = results.stream().anyMatch(r -> r instanceof TokenStore.Refused refused && refused.revokedSession() != null);
            results.stream().filter(r -> r instanceof Throwable)
                    .forEach(r -> violations.add("round " + sid + ": database error " + r));
            outcomes.merge(winners + " rotated" + (revoked ? ", replay revoked the session" : ""), 1, Integer::sum);
            if (winners > 1) {
                violations.add("round " + sid + ": both rotations won");
            }
            // what the database says afterwards: at most one of the two new tokens works
            long now2 = System.currentTimeMillis();
            int working = 0;
            for (String next : new String[] {a, b}) {
                if (store.rotate(next, next + "-probe", now2, 0, now2 + DAY) instanceof TokenStore.Rotated) {
                    working++;
                }
            }
            if (working > 1) {
                violations.add("round " + sid + ": both new refresh tokens work");
            }
        }
        report("same refresh token twice at once", outcomes, violations, started);
        assertEquals(List.of(), violations);
        assertEquals(ROUNDS, outcomes.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aRefreshRacingALogoutNeverOutlivesTheLogout() throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            long now = System.currentTimeMillis();
            boolean everywhere = round % 2 == 1;
            String sid = "logout-" + round;
            String subject = "logout-user-" + round;
            String presented = hash("logout", round, "0");
            String next = hash("logout", round, "n");
            store.createSession(sid, subject, List.of("user"), "race", "127.0.0.1", presented, now, now + DAY);
            Callable<Object> logout = everywhere
                    ? () -> store.revokeSubject(subject, null, System.currentTimeMillis())
                    : () -> store.revokeSession(sid, null, System.currentTimeMillis());
            List<Object> results = atOnce(() -> store.rotate(presented, next, System.currentTimeMillis(), 0, now + DAY), logout);
            Object rotation = results.get(0);
            Object logoutResult = results.get(1);
            if (rotation instanceof Throwable || logoutResult instanceof Throwable) {
                violations.add("round " + sid + ": database error " + rotation + " / " + logoutResult);
                continue;
            }
            boolean refreshWon = rotation instanceof TokenStore.Rotated;
            outcomes.merge((everywhere ? "logout on all devices" : "logout") + ", " + (refreshWon ? "refresh first" : "logout first"),
                    1, Integer::sum);
            // the logout has returned: nothing of the session may work any more
            long after = System.currentTimeMillis();
            for (String token : new String[] {presented, next}) {
                if (store.rotate(token, token + "-probe", after, 0, after + DAY) instanceof TokenStore.Rotated) {
                    violations.add("round " + sid + ": refresh token " + token + " still rotates after the logout");
                }
            }
            if (store.session(sid).orElseThrow().active()) {
                violations.add("round " + sid + ": the session is still live after the logout");
            }
            RevocationChanges seen = store.changesSince(now);
            boolean visible = everywhere ? seen.subjects().containsKey(subject) && seen.sessions().containsKey(sid)
                    : seen.sessions().containsKey(sid);
            if (!visible) {
                violations.add("round " + sid + ": the other nodes' sync does not see the revocation");
            }
        }
        report("refresh racing logout", outcomes, violations, started);
        assertEquals(List.of(), violations);
        assertEquals(ROUNDS, outcomes.values().stream().mapToInt(Integer::intValue).sum());
    }

    private static void report(String race, Map<String, Integer> outcomes, List<String> violations, long started) {
        System.out.printf("RACE %s on %s: %d rounds in %.1f s, outcomes %s, violations %d%n", race, db.kind(), ROUNDS,
                (System.nanoTime() - started) / 1e9, outcomes, violations.size());
    }
}
