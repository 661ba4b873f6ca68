package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purge of dead rows on the database under test: exactly the rows that can no longer refuse or accept anything
 * go, in batches, and two nodes purging at once while a third keeps refreshing and logging out do no harm.
 */
class PurgeIT {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 1_440 * MINUTE;
    private static final long HORIZON = 15 * MINUTE + 30_000;
    private static final long SKEW = 30_000;
    private static final long SUBJECT_KEEP = 14 * DAY + HORIZON;

    private TestDatabase db;
    private Database database;
    private TokenStore store;

    @BeforeEach
    void open() {
        db = TestDatabase.create("purge");
        database = Database.open(new DatabaseSettings("none", db.url(), null, null, null, true, 4));
        store = new TokenStore(database);
    }

    @AfterEach
    void close() {
        database.close();
        db.close();
    }

    private ExpiredRowPurger purger(int batchSize) {
        return new ExpiredRowPurger(store, Clock.systemUTC(), batchSize, HORIZON, SKEW, SUBJECT_KEEP);
    }

    private long count(String entity) {
        return database.inTransaction(em -> em.createQuery("SELECT COUNT(e) FROM " + entity + " e", Long.class).getSingleResult());
    }

    private void session(String sid, String subject, long createdAt, long expiresAt) {
        store.createSession(sid, subject, List.of("user"), "purge", "127.0.0.1", "h-" + sid, createdAt, expiresAt);
    }

    @Test
    void exactlyTheDeadRowsGoInBatches() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            session("expired-" + i, "ann", now - 20 * DAY, now - HORIZON - MINUTE);
        }
        for (int i = 0; i < 4; i++) {
            session("revoked-old-" + i, "ann", now - DAY, now + DAY);
            store.revokeSession("revoked-old-" + i, null, now - HORIZON - MINUTE);
        }
        for (int i = 0; i < 2; i++) {
            session("revoked-new-" + i, "ann", now - DAY, now + DAY);
            store.revokeSession("revoked-new-" + i, null, now - MINUTE);
        }
        session("live", "ann", now - DAY, now + DAY);
        session("expired-just-now", "ann", now - 14 * DAY, now - MINUTE);
        String live = "h-live";
        for (int i = 0; i < 3; i++) {
            String next = live + "-" + i;
            assertInstanceOf(TokenStore.Rotated.class, store.rotate(live, next, now - (3 - i) * MINUTE, 0, now + DAY));
            live = next;
        }
        for (int i = 0; i < 6; i++) {
            store.revokeAccessToken(new TokenStore.RevokedToken("jti-old-" + i, "ann", now - SKEW - MINUTE), now - HORIZON);
        }
        store.revokeAccessToken(new TokenStore.RevokedToken("jti-new", "ann", now + 10 * MINUTE), now - MINUTE);
        for (int i = 0; i < 3; i++) {
            store.revokeSubject("old-" + i, null, now - SUBJECT_KEEP - MINUTE);
        }
        store.revokeSubject("bob", null, now - DAY);
        assertEquals(13, count("LoginSession"));
        assertEquals(16, count("RefreshToken"));

        ExpiredRowPurger.Purged purged = purger(2).purgeNow();

        assertEquals(6, purged.refreshTokens(), "the 5 expired sessions' tokens and the one that expired a minute ago");
        assertEquals(9, purged.sessions(), "5 expired and 4 revoked longer ago than any access token lives");
        assertEquals(6, purged.revokedTokens());
        assertEquals(3, purged.subjectRevocations());
        assertEquals(4, count("LoginSession"), "live, expired-just-now and the 2 recently revoked stay");
        assertEquals(6, count("RefreshToken"), "the live session's 4 (3 consumed ones serve reuse detection) and 2 of the recently revoked");
        assertEquals(1, count("RevokedAccessToken"));
        assertEquals(1, count("SubjectRevocation"));
        assertInstanceOf(TokenStore.Rotated.class, store.rotate(live, "after-purge", now, 0, now + DAY), "the live session is untouched");
        assertEquals(0, purger(2).purgeNow().total(), "nothing is left to purge");
    }

    @Test
    void twoNodesPurgingAtOnceWhileAThirdRefreshesAndLogsOutDoNoHarm() throws Exception {
        long now = System.currentTimeMillis();
        int dead = 300;
        for (int i = 0; i < dead; i++) {
            session("dead-" + i, "ann", now - 20 * DAY, now - HORIZON - MINUTE);
            store.revokeAccessToken(new TokenStore.RevokedToken("jti-" + i, "ann", now - SKEW - MINUTE), now - HORIZON);
        }
        int live = 40;
        for (int i = 0; i < live; i++) {
            session("live-" + i, "cid", now - MINUTE, now + DAY);
        }
        CompletableFuture<ExpiredRowPurger.Purged> first = CompletableFuture.supplyAsync(() -> purger(25).purgeNow());
        CompletableFuture<ExpiredRowPurger.Purged> second = CompletableFuture.supplyAsync(() -> purger(25).purgeNow());
        CompletableFuture<List<Object>> work = CompletableFuture.supplyAsync(() -> {
            List<Object> results = new ArrayList<>();
            for (int i = 0; i < live; i++) {
                long t = System.currentTimeMillis();
                results.add(i % 2 == 0 ? store.rotate("h-live-" + i, "h-live-" + i + "-next", t, 0, t + DAY)
                        : store.revokeSession("live-" + i, null, t).orElseThrow());
            }
            return results;
        });
        ExpiredRowPurger.Purged a = first.get(120, TimeUnit.SECONDS);
        ExpiredRowPurger.Purged b = second.get(120, TimeUnit.SECONDS);
        List<Object> results = work.get(120, TimeUnit.SECONDS);

        assertTrue(a.sessions() + b.sessions() >= dead, "between them the two purgers selected every dead session: " + a + " " + b);
        assertEquals(live, count("LoginSession"), "every live session stays, and every dead one is gone");
        assertEquals(0, count("RevokedAccessToken"));
        assertEquals(live + live / 2, count("RefreshToken"), "the live sessions' tokens, and the rotated ones' successors");
        assertEquals(live / 2, results.stream().filter(r -> r instanceof TokenStore.Rotated).count(), "every rotation worked");
        assertEquals(0, purger(25).purgeNow().total());
    }
}
