package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application's own token column ({@code signoff.legacy.*}), cleared by every logout in the transaction that
 * records it, on the database under test: a legacy {@code app_users} table beside Signoff's tables.
 */
class LegacyColumnIT {

    private static TestDatabase db;
    private static SignoffServer empty;
    private static SignoffServer nulled;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.createServed("legacy");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // clearing mallory's token breaks a rule of the application's: the database refuses the logout's transaction
            s.execute("CREATE TABLE app_users (username VARCHAR(64) NOT NULL PRIMARY KEY, refresh_token VARCHAR(255),"
                    + " CONSTRAINT mallory_keeps_a_token CHECK (username <> 'mallory' OR refresh_token <> ''))");
            s.execute("INSERT INTO app_users VALUES ('alice', 'a-token'), ('bob', 'b-token'), ('mallory', 'm-token'),"
                    + " ('nina', 'n-token')");
        }
        List<String> common = List.of("--db", db.url(), "--user", "alice:alice-pw", "--user", "bob:bob-pw",
                "--user", "mallory:mallory-pw", "--user", "nina:nina-pw",
                "--set", "signoff.legacy.table=app_users", "--set", "signoff.legacy.subject-column=username",
                "--set", "signoff.legacy.token-column=refresh_token");
        empty = SignoffServer.start(common.toArray(String[]::new));
        List<String> nulling = new ArrayList<>(common);
        nulling.addAll(List.of("--set", "signoff.legacy.cleared-value=null"));
        nulled = SignoffServer.start(nulling.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(empty, nulled, db);
    }

    private static String token(String user) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT refresh_token FROM app_users WHERE username = ?")) {
            s.setString(1, user);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), user);
                return r.getString(1);
            }
        }
    }

    private static void setToken(String user, String value) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("UPDATE app_users SET refresh_token = ? WHERE username = ?")) {
            s.setString(1, value);
            s.setString(2, user);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static int liveSessions(String user) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM signoff_session WHERE subject = ? AND revoked_at IS NULL")) {
            s.setString(1, user);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static String login(SignoffServer server, String user) {
        Http.Response r = post(server.url("/auth/login"), credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        return r.text("access_token");
    }

    @Test
    void aSessionLogoutClearsTheColumnOfThatUserOnly() throws Exception {
        setToken("alice", "a-token");
        String access = login(empty, "alice");
        assertEquals(200, post(empty.url("/auth/logout"), "", bearer(access)).status());
        assertEquals("", token("alice"));
        assertEquals("b-token", token("bob"), "another user's row is untouched");
    }

    @Test
    void aLogoutOnAllDevicesClearsItToo() throws Exception {
        setToken("alice", "a-token-2");
        String first = login(empty, "alice");
        login(empty, "alice");
        assertEquals(200, post(empty.url("/auth/logout-all"), "", bearer(first)).status());
        assertEquals("", token("alice"));
        assertEquals(0, liveSessions("alice"));
        assertEquals("b-token", token("bob"));
    }

    @Test
    void nullIsWrittenWhenConfigured() throws Exception {
        String access = login(nulled, "nina");
        assertEquals(200, post(nulled.url("/auth/logout"), "", bearer(access)).status());
        assertNull(token("nina"));
        assertEquals("b-token", token("bob"));
    }

    @Test
    void aDatabaseFailureChangesNeitherTableAndIsAnsweredAsAnError() throws Exception {
        String access = login(empty, "mallory");
        assertEquals(1, liveSessions("mallory"));
        Http.Response r = post(empty.url("/auth/logout"), "", bearer(access));
        assertEquals(500, r.status(), () -> "never answered as success: " + r);
        assertEquals("m-token", token("mallory"), "the legacy column is unchanged");
        assertEquals(1, liveSessions("mallory"), "Signoff's own revocation rolled back with it");
        assertEquals(401, get(empty.url("/api/me"), bearer(access)).status(), "this node refuses the token anyway");
    }

    @Test
    void badNamesFailTheDeploymentNamingTheParameter() throws Exception {
        String[][] cases = {
            {"signoff.legacy.table", "signoff.legacy.table=no_such_table"},
            {"signoff.legacy.table", "signoff.legacy.table=app_users;drop"},
            {"signoff.legacy.token-column", "signoff.legacy.token-column=no_such_column"},
            {"signoff.legacy.subject-column", "signoff.legacy.subject-column=user name"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("--db", db.url(), "--set", "signoff.legacy.table=app_users",
                    "--set", "signoff.legacy.subject-column=username", "--set", "signoff.legacy.token-column=refresh_token"));
            args.addAll(List.of("--set", c[1]));
            SignoffServer.Result result = SignoffServer.run(args.toArray(String[]::new));
            assertNotEquals(0, result.exitCode(), result::output);
            assertTrue(result.output().contains(c[0]), () -> c[0] + " named: " + result.output());
        }
    }
}
