package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Four nodes on one server database (MariaDB or PostgreSQL; notifications off, so that only Redis and polling carry
 * revocations) and a {@code redis-server} of the test's own. A, B and C use the Redis bus; D does not and reads the
 * database every second, as any node without a bus. B reads the database every {@value #BUS_SYNC_MS} ms and C once an
 * hour only: what reaches C within the test came by Redis, or by the database read C makes when it subscribes.
 *
 * <p>Round after round, a logout on A is timed from its 200 to the first 401 on B, C (the bus) and D (polling); the
 * median and maximum are printed, and every delay through the bus must stay under half of B's sync interval, which
 * polling would miss half of the time. Then Redis is killed: a logout on A still answers 200, B refuses the token at
 * its next database read, C, which has no read coming, still accepts it until Redis is back, then refuses it by the read
 * that follows its new subscription, and the next logout travels by Redis again. Each node logs the outage once.
 */
@Tag(TestDatabase.MARIADB_ONLY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisBusIT {

    static final long BUS_SYNC_MS = 10_000;
    static final long POLL_SYNC_MS = 1_000;
    static final long READ_ALLOWANCE_MS = 1_000;
    /** Through the bus: half of B's sync interval, which a read every 10 s meets in only half of the rounds. */
    static final long BUS_BOUND_MS = BUS_SYNC_MS / 2;
    /** Polling: twice the configured worst case (one sync interval plus one read), as in {@code ClusterIT}. */
    static final long POLL_BOUND_MS = 2 * (POLL_SYNC_MS + READ_ALLOWANCE_MS);
    static final long POLL_PAUSE_MS = 5;
    private static final int ROUNDS = Integer.getInteger("signoff.it.redis-rounds", 100);
    private static final String LOST = "the Redis revocation bus at ";
    private static final String BACK = "is back; reading the revocations missed meanwhile";
    private static final String LISTENING = "listening for revocations on the Redis revocation bus";

    private static TestDatabase db;
    private static RedisServer redis;
    private static String channel;
    private static SignoffServer a;
    private static SignoffServer b;
    private static SignoffServer c;
    private static SignoffServer d;
    private static ExecutorService pollers;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("redis_bus");
        redis = RedisServer.start();
        channel = "signoff:it-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        a = node(true, BUS_SYNC_MS);
        b = node(true, BUS_SYNC_MS);
        // with no read for an hour, its view would count as stale after max-staleness (60 s) and refuse with 503
        c = node(true, 3_600_000, "--set", "signoff.revocation.max-staleness=0s");
        d = node(false, POLL_SYNC_MS);
        pollers = Executors.newFixedThreadPool(3);
        for (SignoffServer node : new SignoffServer[] {a, b, c}) {
            Waits.until("the bus subscribed on " + node.url("/"), () -> node.output().contains(LISTENING));
        }
    }

    private static SignoffServer node(boolean bus, long syncMillis, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--db", db.url(), "--user", "pat:pat-pw", "--user", "kim:kim-pw",
                "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", "signoff.revocation.notify=false",
                "--set", "signoff.revocation.sync-interval=" + syncMillis + "ms"));
        if (bus) {
            args.addAll(List.of("--set", "signoff.revocation.redis-url=" + redis.url(),
                    "--set", "signoff.revocation.redis-channel=" + channel));
        }
        args.addAll(List.of(extra));
        return SignoffServer.start(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pollers != null) {
            pollers.shutdownNow();
        }
        Waits.closeAll(a, b, c, d, redis, db);
    }

    private static String login(SignoffServer node, String user) {
        Http.Response r = post(node.url("/auth/login"), credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        return r.text("access_token");
    }

    private static int status(SignoffServer node, String access) {
        return get(node.url("/api/me"), bearer(access)).status();
    }

    /** Milliseconds from {@code since} (nanoTime) to the first 401 for {@code accessToken} on {@code node}. */
    private static CompletableFuture<Long> firstRefusal(SignoffServer node, String accessToken, long since) {
        return CompletableFuture.supplyAsync(() -> Waits.uninterruptiblyUntil("the token refused on " + node.url("/"), since,
                Duration.ofSeconds(60), Duration.ofMillis(POLL_PAUSE_MS), () -> {
                    int status = status(node, accessToken);
                    if (status != 401) {
                        assertEquals(200, status);
                    }
                    return status == 401;
                }), pollers);
    }

    @Test
    @Order(1)
    void aLogoutReachesTheNodesOfTheBusAtOnceAndTheOthersAtTheirNextRead() throws Exception {
        List<Long> bus = new ArrayList<>();
        List<Long> polled = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String path = round % 2 == 0 ? "/auth/logout" : "/auth/logout-all";
            String access = login(a, "pat");
            for (SignoffServer node : new SignoffServer[] {a, b, c, d}) {
                assertEquals(200, status(node, access), "the token works everywhere before");
            }
            // at a random moment of D's sync interval, so that the rounds do not fall into step with its reads
            Thread.sleep(ThreadLocalRandom.current().nextLong(POLL_SYNC_MS));
            Http.Response logout = post(a.url(path), null, bearer(access));
            long answered = System.nanoTime();
            assertEquals(200, logout.status(), logout::toString);
            CompletableFuture<Long> onB = firstRefusal(b, access, answered);
            CompletableFuture<Long> onC = firstRefusal(c, access, answered);
            CompletableFuture<Long> onD = firstRefusal(d, access, answered);
            bus.add(onB.get(90, TimeUnit.SECONDS));
            bus.add(onC.get(90, TimeUnit.SECONDS));
            polled.add(onD.get(90, TimeUnit.SECONDS));
        }
        System.out.printf("PROPAGATION on %d rounds (logout and logout-all) on %s: through Redis (B sync %d ms, C 1 h) p50 %d ms, "
                + "max %d ms; polling only (sync %d ms) p50 %d ms, max %d ms%n", ROUNDS, db.kind(), BUS_SYNC_MS,
                ClusterIT.percentile(bus, 50), Collections.max(bus), POLL_SYNC_MS, ClusterIT.percentile(polled, 50),
                Collections.max(polled));
        assertTrue(Collections.max(bus) < BUS_BOUND_MS, "through Redis every delay under half of B's sync interval: " + bus);
        assertTrue(Collections.max(polled) <= POLL_BOUND_MS, "polling only: every delay within the bound: " + polled);
    }

    @Test
    @Order(2)
    void aMessageThatIsNoRevocationIsDroppedAndTheBusGoesOn() throws Exception {
        assertEquals(3, redis.publish(channel, "not a revocation"), "A, B and C are subscribed");
        assertEquals(3, redis.publish(channel, "s notatime abc"), "A, B and C are subscribed");
        String access = login(a, "kim");
        assertEquals(200, status(c, access));
        assertEquals(200, post(a.url("/auth/logout"), null, bearer(access)).status());
        long answered = System.nanoTime();
        assertTrue(firstRefusal(c, access, answered).get(60, TimeUnit.SECONDS) < BUS_BOUND_MS, "C still hears the bus");
    }

    @Test
    @Order(3)
    void withRedisKilledPollingTakesOverAndWhenItIsBackTheMissedLogoutIsReadAndTheBusResumes() throws Exception {
        String whileDown = login(a, "kim");
        for (SignoffServer node : new SignoffServer[] {a, b, c}) {
            assertEquals(200, status(node, whileDown));
        }
        redis.kill();
        for (SignoffServer node : new SignoffServer[] {a, b, c}) {
            Waits.until("the outage logged on " + node.url("/"), () -> node.output().contains(LOST) && node.output().contains("unreachable"));
        }
        long sent = System.nanoTime();
        Http.Response logout = post(a.url("/auth/logout"), null, bearer(whileDown));
        long answered = System.nanoTime();
        assertEquals(200, logout.status(), "a logout succeeds without Redis: it is in the database");
        assertEquals(401, status(a, whileDown), "and refused at once where it was made");
        long polledOnB = firstRefusal(b, whileDown, answered).get(90, TimeUnit.SECONDS);
        assertTrue(polledOnB <= 2 * (BUS_SYNC_MS + READ_ALLOWANCE_MS), "B refuses it at its next read: " + polledOnB + " ms");
        assertEquals(200, status(c, whileDown), "C reads the database hourly and Redis is down: it does not know yet");

        long restarted = System.nanoTime();
        redis.restart();
        long readOnC = firstRefusal(c, whileDown, restarted).get(90, TimeUnit.SECONDS);
        // the subscriber retries at most 5 s apart; the read it runs then takes well under a second
        assertTrue(readOnC < BUS_BOUND_MS + READ_ALLOWANCE_MS, "C read the missed logout on subscribing again: " + readOnC + " ms");
        for (SignoffServer node : new SignoffServer[] {a, b, c}) {
            Waits.until("the bus back on " + node.url("/"), () -> node.output().contains(BACK));
        }
        String afterwards = login(a, "kim");
        assertEquals(200, status(c, afterwards));
        assertEquals(200, post(a.url("/auth/logout-all"), null, bearer(afterwards)).status());
        long busAgain = firstRefusal(c, afterwards, System.nanoTime()).get(60, TimeUnit.SECONDS);
        assertTrue(busAgain < BUS_BOUND_MS, "the bus carries logouts again: " + busAgain + " ms");
        System.out.printf("REDIS OUTAGE: logout answered in %d ms with Redis down; refused on B (sync %d ms) after %d ms; on C (sync 1 h) "
                + "%d ms after Redis restarted; the next logout on C after %d ms%n", TimeUnit.NANOSECONDS.toMillis(answered - sent),
                BUS_SYNC_MS, polledOnB, readOnC, busAgain);

        for (SignoffServer node : new SignoffServer[] {a, b, c}) {
            String output = node.output();
            assertEquals(1, occurrences(output, "unreachable"), "one WARNING for the outage on " + node.url("/") + ":\n" + output);
            assertEquals(1, occurrences(output, BACK), "one INFO when it is back on " + node.url("/"));
            assertFalse(output.contains("\tat "), "no stack trace on " + node.url("/") + ":\n" + output);
        }
        assertFalse(d.output().contains("Redis"), "a node without the bus never speaks of it");
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
