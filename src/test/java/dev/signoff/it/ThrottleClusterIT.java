package dev.signoff.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database store of login throttling ({@code signoff.login.throttle-store=database}) holds the limit across
 * two nodes sharing one PostgreSQL database: the failures made on either count on both.
 */
@Tag(TestDatabase.POSTGRESQL_ONLY)
class ThrottleClusterIT {

    private static TestDatabase db;
    private static SignoffServer a;
    private static SignoffServer b;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.postgresql("throttle_cluster");
        a = node();
        b = node();
    }

    private static SignoffServer node() throws Exception {
        return SignoffServer.start("--db", db.url(), "--user", "pat:pat-pw", "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", "signoff.login.throttle-store=database", "--set", "signoff.login.max-failures=2",
                "--set", "signoff.login.max-failures-per-address=3");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(a, b, db);
    }

    private static int login(SignoffServer node, String from, String user, String password) {
        return FromAddress.post(from, node.url("/auth/login"), Http.credentials(user, password)).status();
    }

    @Test
    void failuresOnEitherNodeCountOnBoth() {
        assertEquals(401, login(a, "127.0.0.2", "pat", "wrong"));
        assertEquals(401, login(b, "127.0.0.3", "pat", "wrong"));
        assertEquals(429, login(a, "127.0.0.4", "pat", "pat-pw"), "two failures, one per node, reach the limit of two");
        assertEquals(429, login(b, "127.0.0.4", "pat", "pat-pw"));

        assertEquals(401, login(a, "127.0.0.9", "one", "wrong"));
        assertEquals(401, login(b, "127.0.0.9", "two", "wrong"));
        assertEquals(401, login(a, "127.0.0.9", "three", "wrong"));
        assertEquals(429, login(b, "127.0.0.9", "four", "wrong"), "the address's three failures, across the nodes");
    }
}
