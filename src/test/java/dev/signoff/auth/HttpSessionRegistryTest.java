package dev.signoff.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.fakes.FakeSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpSessionRegistryTest {

    private final HttpSessionRegistry registry = new HttpSessionRegistry();

    @Test
    void aRevokedLoginSessionInvalidatesItsHttpSessionsOnly() {
        FakeSession one = new FakeSession("h1", 0);
        FakeSession two = new FakeSession("h2", 0);
        registry.add(one.session, "alice", "sid-1", 1_000);
        registry.add(two.session, "alice", "sid-2", 1_000);
        registry.sessionRevoked("sid-1");
        assertTrue(one.invalid);
        assertFalse(two.invalid);
        assertFalse(registry.contains("h1"));
        assertEquals(1, registry.size());
    }

    @Test
    void logoutOnAllDevicesEndsTheLoginsMadeBeforeItInWholeSeconds() {
        FakeSession before = new FakeSession("h1", 0);
        FakeSession sameSecond = new FakeSession("h2", 0);
        registry.add(before.session, "bob", "sid-1", 9_999);
        registry.add(sameSecond.session, "bob", null, 10_500);
        registry.subjectRevoked("bob", 10_000);
        assertTrue(before.invalid);
        assertFalse(sameSecond.invalid, "a login in the same second as the revocation is newer than it");
        registry.subjectRevoked("someone-else", 20_000);
        assertFalse(sameSecond.invalid);
    }

    @Test
    void aRenamedSessionKeepsItsLoginAndARemovedOneIsForgotten() {
        FakeSession http = new FakeSession("old", 0);
        registry.add(http.session, "carol", "sid-1", 0);
        http.id = "new";
        registry.renamed("old", http.session);
        assertFalse(registry.contains("old"));
        assertTrue(registry.contains("new"));
        registry.remove("new");
        registry.sessionRevoked("sid-1");
        assertFalse(http.invalid, "forgotten sessions are left alone");
        assertEquals(0, registry.size());
    }

    @Test
    void aDeadSessionIsNotAdded() {
        FakeSession dead = new FakeSession("h", 0);
        dead.invalid = true;
        registry.add(dead.session, "dave", "sid", 0);
        assertEquals(0, registry.size());
    }

    @Test
    void concurrentChangesLeaveTheIndexesConsistent() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<FakeSession>>> kept = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            kept.add(pool.submit(() -> {
                start.await();
                List<FakeSession> survivors = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    FakeSession http = new FakeSession(thread + "-" + i, 0);
                    registry.add(http.session, "user-" + (i % 7), "sid-" + thread + "-" + i, 0);
                    if (i % 2 == 0) {
                        registry.remove(http.id);
                    } else {
                        survivors.add(http);
                    }
                }
                return survivors;
            }));
        }
        start.countDown();
        List<FakeSession> survivors = new ArrayList<>();
        for (Future<List<FakeSession>> f : kept) {
            survivors.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(threads * perThread / 2, survivors.size());
        assertEquals(survivors.size(), registry.size());
        for (int u = 0; u < 7; u++) {
            registry.subjectRevoked("user-" + u, 1_000);
        }
        assertEquals(0, registry.size(), "every live session was indexed by its subject");
        assertTrue(survivors.stream().allMatch(s -> s.invalid), "and every one was invalidated");
    }
}
