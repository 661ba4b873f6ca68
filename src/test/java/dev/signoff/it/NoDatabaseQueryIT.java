package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authenticated request path sends nothing to the database. Signoff reaches its database through a
 * {@link TcpRelay} in the test JVM, so the count is taken on the wire, outside Signoff: not one byte may travel
 * towards the database while tokens are authenticated.
 */
class NoDatabaseQueryIT {

    private static TestDatabase db;
    private static TcpRelay relay;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.createServed("noquery");
        relay = new TcpRelay(db.port());
        server = SignoffServer.start("--db", db.urlThrough(relay.port()), "--user", "dave:dave-pw",
                "--set", "signoff.revocation.sync-interval=1h", "--set", "signoff.purge.interval=0s");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, relay, db);
    }

    @Test
    void authenticatingValidAndRevokedTokensSendsNothingToTheDatabase() {
        Http.Response kept = post(server.url("/auth/login"), credentials("dave", "dave-pw"), json());
        Http.Response ended = post(server.url("/auth/login"), credentials("dave", "dave-pw"), json());
        assertEquals(200, post(server.url("/auth/logout"), null, bearer(ended.text("access_token"))).status());
        // the session list and the end of one session from it: they read and write the database, the requests after do not
        Http.Response listed = post(server.url("/auth/login"), credentials("dave", "dave-pw"), json());
        String listedSession = get(server.url("/api/me"), bearer(listed.text("access_token"))).text("session");
        assertEquals(200, get(server.url("/auth/sessions"), bearer(kept.text("access_token"))).status());
        assertEquals(200, post(server.url("/auth/sessions/" + listedSession + "/logout"), null, bearer(kept.text("access_token")))
                .status());
        long before = relay.bytesFromClients();
        assertTrue(before > 0, "the relay carries Signoff's statements (login and logout wrote rows)");

        for (int i = 0; i < 200; i++) {
            assertEquals(200, get(server.url("/api/me"), bearer(kept.text("access_token"))).status());
            assertEquals(401, get(server.url("/api/me"), bearer(ended.text("access_token"))).status());
            assertEquals(401, get(server.url("/api/me"), bearer(listed.text("access_token"))).status());
            assertEquals(401, get(server.url("/api/me"), bearer("garbage")).status());
        }
        long after = relay.bytesFromClients();
        assertEquals(before, after, "800 authentications sent " + (after - before) + " bytes to " + db.kind());

        assertEquals(200, post(server.url("/auth/refresh"), "{\"refresh_token\":\"" + kept.text("refresh_token") + "\"}", json())
                .status());
        assertTrue(relay.bytesFromClients() > after, "a refresh does reach the database, so the count is live");
    }
}
