package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static dev.signoff.it.Waits.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database goes away in the middle of a run and comes back. Node A reaches PostgreSQL through a
 * {@link TcpRelay} that the test cuts (every connection closed, new ones refused, as when the server stops) and
 * restores; node B, on the same database directly, stands for the rest of the cluster. While the database is away,
 * A answers a logout with the configured 5xx, never a success, and still clears the cookies; it keeps authenticating
 * from its last revocation view for {@code signoff.revocation.max-staleness}, then refuses with 503. When the database
 * is back, A works again without a restart, and the logout it could not record reaches the database and node B.
 */
@Tag(TestDatabase.POSTGRESQL_ONLY)
class OutageIT {

    static final long SYNC_INTERVAL_MS = 250;
    static final long MAX_STALENESS_MS = 3_000;

    private static TestDatabase db;
    private static TcpRelay relay;
    private static SignoffServer a;
    private static SignoffServer b;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.postgresql("outage");
        relay = new TcpRelay(db.port());
        a = SignoffServer.start("--db", db.urlThrough(relay.port()), "--user", "olga:olga-pw",
                "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", "signoff.revocation.sync-interval=" + SYNC_INTERVAL_MS + "ms",
                "--set", "signoff.revocation.max-staleness=" + MAX_STALENESS_MS + "ms",
                "--set", "error-status=503");
        b = SignoffServer.start("--db", db.url(), "--user", "olga:olga-pw", "--set", "signoff.secret=" + Tokens.SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(a, b, relay, db);
    }

    private static Http.Response login(SignoffServer node) {
        return post(node.url("/auth/login"), credentials("olga", "olga-pw"), json());
    }

    private static Http.Response me(SignoffServer node, Http.Response login) {
        return get(node.url("/api/me"), bearer(login.text("access_token")));
    }

    private static Http.Response refresh(SignoffServer node, Http.Response login) {
        return post(node.url("/auth/refresh"), "{\"refresh_token\":\"" + login.text("refresh_token") + "\"}", json());
    }

    @Test
    void logoutFailsClosedAuthenticationDegradesThenFailsClosedAndEverythingRecovers() throws Exception {
        Http.Response kept = login(a);
        Http.Response ended = login(a);
        Http.Response duringOutage = login(a);
        assertEquals(200, post(a.url("/auth/logout"), null, bearer(ended.text("access_token"))).status());
        assertEquals(200, me(b, duringOutage).status());

        relay.cut();
        long cut = System.nanoTime();
        // watched from the moment of the cut, while the other requests below take their time
        CompletableFuture<Long> firstStaleRefusal = CompletableFuture.supplyAsync(() -> {
            try {
                return until(cut, 503, () -> me(a, kept).status());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // the last view keeps serving: a live token passes, a revoked one stays refused
        assertEquals(200, me(a, kept).status(), "authentication goes on from the last revocation view");
        assertEquals(401, me(a, ended).status());

        long logoutStarted = System.nanoTime();
        Http.Response logout = post(a.url("/auth/logout"), null, bearer(duringOutage.text("access_token")));
        long logoutMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - logoutStarted);
        assertEquals(503, logout.status(), "the configured error status, never a success: " + logout);
        assertEquals("server_error", logout.text("error"));
        assertTrue(logout.setCookie("signoff_access").contains("Max-Age=0"), "cookies are cleared anyway: " + logout);
        assertTrue(logout.setCookie("signoff_refresh").contains("Max-Age=0"), logout::toString);
        assertEquals(401, me(a, duringOutage).status(), "this node refuses the token at once all the same");

        long refreshStarted = System.nanoTime();
        Http.Response refreshDown = refresh(a, kept);
        long refreshMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - refreshStarted);
        assertEquals(503, refreshDown.status(), refreshDown::toString);
        long loginStarted = System.nanoTime();
        assertEquals(503, login(a).status());
        long loginMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loginStarted);

        long firstRefusal = firstStaleRefusal.get(90, TimeUnit.SECONDS);
        Http.Response stale = me(a, kept);
        assertEquals(503, stale.status());
        assertEquals("temporarily_unavailable", stale.text("error"));
        assertTrue(stale.header("Retry-After").isPresent(), stale::toString);
        // the view was last refreshed at most a sync interval before the cut; the rest is room for a loaded machine
        assertTrue(firstRefusal >= MAX_STALENESS_MS - SYNC_INTERVAL_MS - 1_500,
                "the last view serves for the staleness bound before refusing (" + firstRefusal + " ms)");

        relay.restore();
        long restored = System.nanoTime();
        long authBack = until(restored, 200, () -> me(a, kept).status());
        long loginBack = until(restored, 200, () -> login(a).status());
        Http.Response refreshed = refresh(a, kept);
        assertEquals(200, refreshed.status(), refreshed::toString);
        long onB = until(restored, 401, () -> me(b, duringOutage).status());
        assertEquals(401, refresh(b, duringOutage).status(), "the logout made during the outage reached the database");
        assertEquals(401, refresh(a, duringOutage).status());
        assertEquals(200, post(a.url("/auth/logout"), null, bearer(refreshed.text("access_token"))).status(),
                "logout works again");
        assertEquals(401, me(a, refreshed).status());

        System.out.printf("OUTAGE on PostgreSQL: logout answered 503 in %d ms, refresh 503 in %d ms, login 503 in %d ms; "
                        + "authentication served from the last view, "
                        + "then 503 %d ms after the cut (max-staleness %d ms, sync interval %d ms); after the restore: "
                        + "authentication %d ms, login %d ms, the outage's logout refused on node B %d ms%n",
                logoutMillis, refreshMillis, loginMillis, firstRefusal, MAX_STALENESS_MS, SYNC_INTERVAL_MS, authBack, loginBack, onB);
    }
}
