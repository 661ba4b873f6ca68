package dev.signoff.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.TcpRelay;
import dev.signoff.it.TestDatabase;
import dev.signoff.it.Waits;
import dev.signoff.store.Database;
import dev.signoff.store.DatabaseSettings;
import dev.signoff.store.StoreException;
import dev.signoff.store.TokenStore;
import dev.signoff.token.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL listener against a real server: a revocation is heard when its transaction commits and never when
 * it rolls back, and after its connection was cut the listener reconnects, catches up with what it missed, and hears
 * the next revocations again.
 */
@Tag(TestDatabase.POSTGRESQL_ONLY)
class RevocationListenerIT {

    private static final long TTL = 900_000;

    private TestDatabase db;
    private TcpRelay relay;
    private Database writerDatabase;
    private TokenStore writer;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.postgresql("listener");
        relay = new TcpRelay(db.port());
        writerDatabase = Database.open(new DatabaseSettings("none", db.url(), null, null, null, true, 2));
        writer = new TokenStore(writerDatabase);
    }

    @AfterEach
    void close() {
        writerDatabase.close();
        relay.close();
        db.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Waits.until(what, System.nanoTime(), Duration.ofSeconds(30), Duration.ofMillis(10), condition);
    }

    private static AccessToken token(String jti) {
        return new AccessToken("ann", "no-session", jti, Set.of(), System.currentTimeMillis() / 1000, System.currentTimeMillis() / 1000 + 900);
    }

    @Test
    void aRevocationIsHeardWhenItCommitsAndNeverWhenItRollsBack() throws Exception {
        long now = System.currentTimeMillis();
        RevocationView view = new RevocationView(TTL, now);
        try (Database listening = Database.open(new DatabaseSettings("none", db.url(), null, null, null, false, 1));
             RevocationListener listener = new RevocationListener(listening, view, () -> { }, 30_000)) {
            assertTrue(listener.listening());
            String tooLong = "x".repeat(100);
            // the notice goes out before the insert fails at commit: the rollback must take the notice with it
            assertThrows(StoreException.class, () -> writer.revokeAccessToken(new TokenStore.RevokedToken(tooLong, "ann", now + TTL), now));
            writer.revokeAccessToken(new TokenStore.RevokedToken("jti-committed", "ann", now + TTL), now);
            await("the committed revocation is heard", () -> view.isRevoked(token("jti-committed")));
            // notices arrive in commit order: had the rolled-back one been sent, it would be here by now
            assertFalse(view.isRevoked(token(tooLong)), "a rolled-back revocation is never announced");
        }
    }

    @Test
    void afterItsConnectionWasCutTheListenerReconnectsCatchesUpAndHearsAgain() throws Exception {
        long now = System.currentTimeMillis();
        RevocationView view = new RevocationView(TTL, now);
        AtomicInteger catchUps = new AtomicInteger();
        try (Database listening = Database.open(new DatabaseSettings("none", db.urlThrough(relay.port()), null, null, null, false, 1))) {
            TokenStore reader = new TokenStore(listening);
            Runnable catchUp = () -> {
                view.apply(reader.changesSince(now - TTL));
                catchUps.incrementAndGet();
            };
            try (RevocationListener listener = new RevocationListener(listening, view, catchUp, 30_000)) {
                writer.createSession("s-before", "ann", List.of("user"), "it", "127.0.0.1", "h-before", now, now + TTL);
                writer.revokeSession("s-before", null, now);
                await("a revocation is heard", () -> view.isSessionRevoked("s-before"));

                relay.cut();
                await("the listener notices the cut", () -> !listener.listening());
                writer.createSession("s-missed", "ann", List.of("user"), "it", "127.0.0.1", "h-missed", now, now + TTL);
                writer.revokeSession("s-missed", null, System.currentTimeMillis());
                assertFalse(view.isSessionRevoked("s-missed"), "no one can hear it meanwhile");

                relay.restore();
                await("the listener reconnects and catches up", () -> catchUps.get() > 0 && listener.listening());
                assertTrue(view.isSessionRevoked("s-missed"), "what was missed was read after reconnecting");
                int catchUpsBefore = catchUps.get();
                writer.createSession("s-after", "ann", List.of("user"), "it", "127.0.0.1", "h-after", now, now + TTL);
                writer.revokeSession("s-after", null, System.currentTimeMillis());
                await("revocations are heard again", () -> view.isSessionRevoked("s-after"));
                assertEquals(catchUpsBefore, catchUps.get(), "heard as a notification, not read by another catch-up");
            }
        }
    }
}
