package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database stops answering without closing its connections, as behind a network that drops every packet:
 * Signoff reaches it through a {@link TcpRelay} that holds every byte. Each statement then fails after
 * {@code signoff.db.network-timeout}, so a logout answers its error status in bounded time (without the timeout
 * it would wait for ever), clears the cookies and is refused on this node at once; the calls after it fail at once;
 * when the database answers again the logout it could not record is written, and everything works without a restart.
 * Runs on PostgreSQL and MariaDB (H2's TCP client takes no network timeout).
 */
@Tag(TestDatabase.DATABASE_SERVER)
class HangIT {

    static final long NETWORK_TIMEOUT_MS = 2_000;
    /**
     * The first call to find the database silent waits for its statement, then for EclipseLink's attempts to open a
     * replacement connection: a few timeouts, never for ever (the test client gives up after 30 s). The rest is room
     * for a loaded machine.
     */
    static final long BOUND_MS = 10 * NETWORK_TIMEOUT_MS + 5_000;
    /**
     * Logins sent one after the other once the database is known to be silent. Each is refused without touching the
     * network, except one a second at most, which tries the database and waits like the first call
     * ({@code Reachability}); so most of them, and their median, answer in less than one network timeout, which is
     * what a refusal that waited for the database could not do.
     */
    static final int LOGINS_WHILE_SILENT = 5;

    private static TestDatabase db;
    private static TcpRelay relay;
    private static SignoffServer node;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.createServed("hang");
        relay = new TcpRelay(db.port());
        node = SignoffServer.start("--db", db.urlThrough(relay.port()), "--user", "ines:ines-pw",
                "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", "signoff.db.network-timeout=" + NETWORK_TIMEOUT_MS + "ms",
                "--set", "error-status=503");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(node, relay, db);
    }

    private static Http.Response login() {
        return post(node.url("/auth/login"), credentials("ines", "ines-pw"), json());
    }

    private static Http.Response refresh(Http.Response login) {
        return post(node.url("/auth/refresh"), "{\"refresh_token\":\"" + login.text("refresh_token") + "\"}", json());
    }

    @Test
    void aDatabaseThatStopsAnsweringFailsEachCallAfterTheNetworkTimeout() throws Exception {
        Http.Response kept = login();
        Http.Response ended = login();
        assertEquals(200, kept.status(), kept::toString);
        assertEquals(200, ended.status(), ended::toString);

        relay.hang();
        long logoutMillis;
        List<Long> loginMillis = new ArrayList<>();
        try {
            long started = System.nanoTime();
            Http.Response logout = post(node.url("/auth/logout"), null, bearer(ended.text("access_token")));
            logoutMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(503, logout.status(), "the configured error status, never a success: " + logout);
            assertTrue(logout.setCookie("signoff_access").contains("Max-Age=0"), "cookies are cleared anyway: " + logout);
            assertTrue(logout.setCookie("signoff_refresh").contains("Max-Age=0"), logout::toString);
            assertTrue(logoutMillis < BOUND_MS, () -> "logout gave up on the silent database in " + logoutMillis + " ms:\n"
                    + node.output());
            assertEquals(401, get(node.url("/api/me"), bearer(ended.text("access_token"))).status(),
                    "this node refuses the token at once all the same");
            assertEquals(200, get(node.url("/api/me"), bearer(kept.text("access_token"))).status(),
                    "authentication goes on from memory");

            for (int i = 0; i < LOGINS_WHILE_SILENT; i++) {
                started = System.nanoTime();
                Http.Response loginDown = login();
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertEquals(503, loginDown.status(), loginDown::toString);
                assertTrue(took < BOUND_MS, () -> "a login gave up on the silent database in " + took + " ms:\n" + node.output());
                loginMillis.add(took);
            }
            assertTrue(median(loginMillis) < NETWORK_TIMEOUT_MS, () -> "logins failed at once on the database known to be silent: "
                    + loginMillis + " ms\n" + node.output());
        } finally {
            relay.resume();
        }

        long resumed = System.nanoTime();
        long backMillis = Waits.until(resumed, 200, () -> login().status());
        assertEquals(200, refresh(kept).status(), "a login from before refreshes again, without a restart");
        assertEquals(401, refresh(ended).status());
        String sid = SignedJWT.parse(ended.text("access_token")).getJWTClaimsSet().getStringClaim("sid");
        Waits.until(resumed, 1, () -> revokedInDatabase(sid) ? 1 : 0);
        Http.Response again = login();
        assertEquals(200, post(node.url("/auth/logout"), null, bearer(again.text("access_token"))).status());

        System.out.printf("HANG on %s: with a network timeout of %d ms (bound %d ms), logout answered 503 in %d ms and %d logins "
                + "in %s ms (median %d ms); working again %d ms after the database answered%n", db.kind(), NETWORK_TIMEOUT_MS, BOUND_MS,
                logoutMillis, LOGINS_WHILE_SILENT, loginMillis, median(loginMillis), backMillis);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Whether the database records login session {@code sid} as revoked (which every token of it then is). */
    private static boolean revokedInDatabase(String sid) {
        try (Connection c = db.connect();
             PreparedStatement st = c.prepareStatement(
                     "SELECT COUNT(*) FROM signoff_session WHERE id = ? AND revoked_at IS NOT NULL")) {
            st.setString(1, sid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read the test database: " + e.getMessage(), e);
        }
    }
}
