package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes with no key configured, started at the same moment on one empty PostgreSQL database: both try to make
 * the first key, one insert commits, and both sign with that key, so each accepts the other's tokens. When the key
 * rotates ({@code signoff.key-rotation=20s}, long enough for both nodes to have started), a token signed with the
 * next key on one node is accepted by the other within the bound the sync interval sets.
 */
@Tag(TestDatabase.POSTGRESQL_ONLY)
class KeyClusterIT {

    static final long SYNC_INTERVAL_MS = 1_000;
    /** Twice the configured worst case (one sync interval plus one read), for a loaded machine. */
    static final long BOUND_MS = 2 * (SYNC_INTERVAL_MS + 1_000);

    private static TestDatabase db;
    private static SignoffServer a;
    private static SignoffServer b;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.postgresql("key_cluster");
        CompletableFuture<SignoffServer> first = CompletableFuture.supplyAsync(KeyClusterIT::node);
        CompletableFuture<SignoffServer> second = CompletableFuture.supplyAsync(KeyClusterIT::node);
        a = first.join();
        b = second.join();
    }

    private static SignoffServer node() {
        try {
            return SignoffServer.start("--db", db.url(), "--user", "kai:kai-pw",
                    "--set", "signoff.key-rotation=20s", "--set", "signoff.revocation.notify=false",
                    "--set", "signoff.revocation.sync-interval=" + SYNC_INTERVAL_MS + "ms");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(a, b, db);
    }

    private static List<String> storedKids() throws Exception {
        List<String> kids = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT kid FROM signoff_signing_key ORDER BY generation")) {
            while (rs.next()) {
                kids.add(rs.getString(1));
            }
        }
        return kids;
    }

    @Test
    void nodesStartedAtOnceShareOneKeyAndPickUpARotationThroughTheDatabase() throws Exception {
        String fromA = StoredKeysIT.access(a);
        String fromB = StoredKeysIT.access(b);
        List<String> kids = storedKids();
        assertEquals(List.of(StoredKeysIT.kid(fromA)), kids, "one key, with which A signs");
        assertEquals(StoredKeysIT.kid(fromA), StoredKeysIT.kid(fromB), "B signs with the same key");
        assertEquals(200, get(b.url("/api/me"), bearer(fromA)).status(), "B accepts A's token");
        assertEquals(200, get(a.url("/api/me"), bearer(fromB)).status(), "A accepts B's token");

        String first = kids.get(0);
        String[] rotated = new String[1];
        Waits.until("A signs with the next key", System.nanoTime(), Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
            rotated[0] = StoredKeysIT.access(a);
            return !StoredKeysIT.kid(rotated[0]).equals(first);
        });
        long since = System.nanoTime();
        long ms = Waits.until("B accepts A's token of the next key", since, Duration.ofMillis(BOUND_MS), Duration.ofMillis(20),
                () -> get(b.url("/api/me"), bearer(rotated[0])).status() == 200);
        System.out.println("KeyClusterIT: B accepted a token of the rotated key " + ms + " ms after A first issued one");
        assertEquals(200, get(b.url("/api/me"), bearer(fromA)).status(), "and still the token signed before the rotation");
        List<String> after = storedKids();
        assertEquals(2, after.size(), "one rotation made one key: " + after);
        assertTrue(after.contains(StoredKeysIT.kid(rotated[0])));
    }
}
