package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real (in-memory H2) database, with the schema Signoff ships. */
class TokenStoreTest {

    private static final long DAY = 86_400_000L;

    private Database database;
    private TokenStore store;

    @BeforeEach
    void open() {
        database = Database.open(new DatabaseSettings("none", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                null, null, null, true, 4));
        store = new TokenStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private SessionInfo login(String sid, String subject, String refreshHash, long now) {
        return store.createSession(sid, subject, List.of("user", "admin"), "curl/8", "127.0.0.1", refreshHash, now, now + DAY);
    }

    @Test
    void rotationConsumesTheTokenOnce() {
        login("s1", "alice", "h1", 1000);
        TokenStore.Rotation first = store.rotate("h1", "h2", 2000, 0, 2000 + DAY);
        SessionInfo session = assertInstanceOf(TokenStore.Rotated.class, first).session();
        assertEquals(Set.of("user", "admin"), session.roles());
        assertInstanceOf(TokenStore.Rotated.class, store.rotate("h2", "h3", 3000, 0, 3000 + DAY));
        assertInstanceOf(TokenStore.Refused.class, store.rotate("unknown", "h9", 3000, 0, 3000 + DAY));
    }

    @Test
    void replayWithinTheGraceWindowIsServedAndAfterItRevokesTheSession() {
        login("s1", "alice", "h1", 1000);
        store.rotate("h1", "h2", 2000, 5000, 2000 + DAY);
        assertInstanceOf(TokenStore.Rotated.class, store.rotate("h1", "h2b", 6000, 5000, 6000 + DAY), "inside the grace window");
        TokenStore.Refused reuse = assertInstanceOf(TokenStore.Refused.class, store.rotate("h1", "h2c", 7001, 5000, 7001 + DAY));
        assertNotNull(reuse.revokedSession());
        assertEquals("s1", reuse.revokedSession().id());
        assertFalse(store.session("s1").orElseThrow().active());
        assertInstanceOf(TokenStore.Refused.class, store.rotate("h2", "h4", 8000, 5000, 8000 + DAY), "successors die with the session");
    }

    @Test
    void withAGraceOfZeroASecondPresentationIsAlwaysAReplayEvenInTheSameMillisecond() {
        login("s1", "alice", "h1", 1000);
        assertInstanceOf(TokenStore.Rotated.class, store.rotate("h1", "h2", 2000, 0, 2000 + DAY));
        TokenStore.Refused replay = assertInstanceOf(TokenStore.Refused.class, store.rotate("h1", "h2b", 2000, 0, 2000 + DAY));
        assertEquals("s1", replay.revokedSession().id());
        assertInstanceOf(TokenStore.Refused.class, store.rotate("h2", "h3", 2001, 0, 2001 + DAY), "the winner's token dies too");
    }

    @Test
    void aSecondLogoutOnAllDevicesWrittenLateKeepsTheEarliestNotBeforeItWasGiven() {
        login("s1", "alice", "h1", 1000);
        store.revokeSubject("alice", null, 3000, 9000);
        RevocationChanges changes = store.changesSince(9000);
        assertEquals(3000L, changes.subjects().get("alice"), "not before: when the user logged out");
        assertTrue(store.changesSince(8000).subjects().containsKey("alice"), "recorded at the time of writing, for the other nodes' reads");
        assertFalse(store.session("s1").orElseThrow().active());
    }

    @Test
    void expiredRefreshTokensAreRefused() {
        login("s1", "alice", "h1", 1000);
        TokenStore.Lapsed lapsed = assertInstanceOf(TokenStore.Lapsed.class, store.rotate("h1", "h2", 1000 + DAY, 0, 2 * DAY));
        assertFalse(lapsed.pastMaxLifetime());
        assertFalse(store.session("s1").orElseThrow().active(), "the session its idle timeout ended is revoked with the refusal");

        store.createSession("s2", "alice", List.of("user"), "curl/8", "127.0.0.1", "h3", 1000, 1000 + 2 * DAY, 1000 + DAY);
        assertInstanceOf(TokenStore.Refused.class, store.rotate("h3", "h4", 1000 + DAY, 0, 2 * DAY), "a token expires before its session");
        assertTrue(store.session("s2").orElseThrow().active(), "which lives on until its own expiry");
    }

    @Test
    void aRefreshNeverMovesASessionBeyondItsMaximumLifetime() {
        login("s1", "alice", "h1", 1000);
        assertInstanceOf(TokenStore.Rotated.class, store.rotate("h1", "h2", 5000, 0, 5000 + DAY, 10_000, 12_000));
        assertEquals(List.of(13_000L), store.liveSessions("alice", 5000, Long.MIN_VALUE).stream().map(SessionDetails::expiresAt).toList(),
                "capped at login plus the lifetime");
        TokenStore.Lapsed lapsed = assertInstanceOf(TokenStore.Lapsed.class, store.rotate("h2", "h3", 12_500, 0, 12_500 + DAY, 10_000, 11_000));
        assertTrue(lapsed.pastMaxLifetime());
        assertFalse(store.session("s1").orElseThrow().active());
    }

    @Test
    void logoutOfOneSessionLeavesTheOthers() {
        login("s1", "alice", "h1", 1000);
        login("s2", "alice", "h2", 1000);
        assertTrue(store.revokeSession("s1", null, 2000).orElseThrow().active());
        assertFalse(store.revokeSession("s1", null, 2500).orElseThrow().active(), "second logout finds it revoked");
        assertInstanceOf(TokenStore.Refused.class, store.rotate("h1", "h3", 3000, 0, 3000 + DAY));
        assertInstanceOf(TokenStore.Rotated.class, store.rotate("h2", "h4", 3000, 0, 3000 + DAY));
        RevocationChanges changes = store.changesSince(1500);
        assertEquals(2000L, changes.sessions().get("s1"));
        assertNull(changes.sessions().get("s2"));
    }

    @Test
    void logoutOnAllDevicesEndsEverySessionOfTheUser() {
        login("s1", "alice", "h1", 1000);
        login("s2", "alice", "h2", 1000);
        login("s3", "bob", "h3", 1000);
        List<String> ended = store.revokeSubject("alice", new TokenStore.RevokedToken("jti-1", "alice", 9000), 2000);
        assertEquals(Set.of("s1", "s2"), Set.copyOf(ended));
        assertInstanceOf(TokenStore.Refused.class, store.rotate("h2", "h5", 3000, 0, 3000 + DAY));
        assertInstanceOf(TokenStore.Rotated.class, store.rotate("h3", "h6", 3000, 0, 3000 + DAY));
        RevocationChanges changes = store.changesSince(2000);
        assertEquals(2000L, changes.subjects().get("alice"));
        assertEquals(9000L, changes.tokens().get("jti-1"));
        assertEquals(Set.of("s1", "s2"), changes.sessions().keySet());
        assertTrue(store.revokeSubject("alice", null, 4000).isEmpty());
        assertEquals(4000L, store.changesSince(3000).subjects().get("alice"));
    }

    @Test
    void aSessionCreatedBeforeLogoutOnAllDevicesCannotRefreshEvenIfMissedByIt() {
        store.revokeSubject("alice", null, 5000);
        login("old", "alice", "h1", 4000);
        assertInstanceOf(TokenStore.Refused.class, store.rotate("h1", "h2", 6000, 0, 6000 + DAY));
        login("new", "alice", "h3", 5001);
        assertInstanceOf(TokenStore.Rotated.class, store.rotate("h3", "h4", 6000, 0, 6000 + DAY));
    }

    @Test
    void hooksSeeEachTransactionsRevocationsBeforeAndAfterItCommits() {
        List<String> seen = new java.util.ArrayList<>();
        RevocationHook recorder = new RevocationHook() {
            @Override
            public void beforeCommit(jakarta.persistence.EntityManager em, List<Revocation> revocations) {
                revocations.forEach(r -> seen.add("before " + r.notice().payload() + " of " + r.subject()));
            }

            @Override
            public void afterCommit(List<Revocation> revocations) {
                revocations.forEach(r -> seen.add("after " + r.notice().payload()));
                throw new IllegalStateException("a failing hook after the commit changes nothing");
            }
        };
        TokenStore hooked = new TokenStore(database, true, List.of(recorder));
        login("s1", "alice", "h1", 1000);
        login("s2", "alice", "h2", 1000);
        assertTrue(hooked.revokeSession("s1", null, 2000).isPresent());
        assertEquals(List.of("before s 2000 s1 of alice", "after s 2000 s1"), seen);
        seen.clear();
        hooked.revokeSubject("alice", new TokenStore.RevokedToken("jti-1", "alice", 9000), 3000);
        assertEquals(List.of("before s 3000 s2 of alice", "before t 9000 jti-1 of alice", "before u 3000 alice of alice",
                "after s 3000 s2", "after t 9000 jti-1", "after u 3000 alice"), seen);
        seen.clear();
        hooked.createSession("s3", "bob", List.of(), null, null, "h3", 1000, 1000 + DAY);
        assertTrue(seen.isEmpty(), "no revocation, no call: " + seen);
    }

    @Test
    void aHookFailingBeforeTheCommitRollsTheRevocationBack() {
        RevocationHook refusing = new RevocationHook() {
            @Override
            public void beforeCommit(jakarta.persistence.EntityManager em, List<Revocation> revocations) {
                throw new StoreException("the application's table refused", null);
            }

            @Override
            public void afterCommit(List<Revocation> revocations) {
                throw new AssertionError("never after a rollback");
            }
        };
        login("s1", "alice", "h1", 1000);
        TokenStore hooked = new TokenStore(database, true, List.of(refusing));
        StoreException e = assertThrows(StoreException.class, () -> hooked.revokeSession("s1", null, 2000));
        assertEquals("the application's table refused", e.getMessage());
        assertTrue(store.session("s1").orElseThrow().active(), "nothing was committed");
        assertInstanceOf(TokenStore.Rotated.class, store.rotate("h1", "h2", 3000, 0, 3000 + DAY), "the refresh token still works");
    }

    @Test
    void failuresSurfaceAsStoreExceptionsAfterClose() {
        database.close();
        assertThrows(StoreException.class, () -> store.session("s1"));
    }

    @Test
    void missingTablesFailStartUpWhenSchemaCreationIsOff() {
        StoreException e = assertThrows(StoreException.class, () -> Database.open(new DatabaseSettings("none",
                "jdbc:h2:mem:" + UUID.randomUUID(), null, null, null, false, 1)));
        assertTrue(e.getMessage().contains("signoff_session"), e.getMessage());
    }
}
