package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With no key configured ({@code signoff.secret} and {@code signoff.jwks-file} unset), the executable war makes a key on
 * its first start and keeps it in its database: a restart on the same database accepts the access tokens issued
 * before. Without {@code signoff.key-encryption-key} one WARNING says so; with it, the stored material is encrypted,
 * and a start with another key-encryption key fails naming the parameter (on H2 only: the encryption is the same on
 * every database).
 */
class StoredKeysIT {

    private static final String WARNING = "anyone who can read the database can sign tokens";

    private static SignoffServer start(TestDatabase db, Map<String, String> environment, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--db", db.url(), "--user", "kai:kai-pw"));
        args.addAll(List.of(extra));
        return SignoffServer.start(environment, args.toArray(String[]::new));
    }

    static String access(SignoffServer server) {
        Http.Response login = post(server.url("/auth/login"), credentials("kai", "kai-pw"), json());
        assertEquals(200, login.status(), login::toString);
        return login.text("access_token");
    }

    /** The token's JOSE header. */
    static JsonNode header(String token) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String kid(String token) {
        JsonNode kid = header(token).get("kid");
        assertNotNull(kid, "every token names its key");
        return kid.asText();
    }

    private static long warnings(SignoffServer server) {
        return server.output().lines().filter(line -> line.contains(WARNING)).count();
    }

    @Test
    void aRestartKeepsAccessTokensValidWithNoKeyConfigured() throws Exception {
        try (TestDatabase db = TestDatabase.createServed("stored_keys")) {
            String token;
            String kid;
            try (SignoffServer first = start(db, Map.of())) {
                token = access(first);
                kid = kid(token);
                assertEquals(200, get(first.url("/api/me"), bearer(token)).status());
                assertEquals(1, warnings(first), first.output());
                String warning = first.output().lines().filter(line -> line.contains(WARNING)).findFirst().orElseThrow();
                assertTrue(warning.contains("signoff.key-encryption-key"), warning);
            }
            try (SignoffServer second = start(db, Map.of())) {
                assertEquals(200, get(second.url("/api/me"), bearer(token)).status(), "a token issued before the restart");
                assertEquals(kid, kid(access(second)), "the restarted node signs with the stored key");
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM signoff_signing_key")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "one key for both starts");
            }
        }
    }

    @Tag(TestDatabase.INDEPENDENT)
    @Test
    void withAKeyEncryptionKeyTheStoredKeyIsEncryptedAndOnlyThatKeyOpensIt() throws Exception {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        String kekText = Base64.getEncoder().encodeToString(kek);
        Map<String, String> environment = Map.of("SIGNOFF_IT_KEK", kekText);
        try (TestDatabase db = TestDatabase.createServed("stored_keys_kek")) {
            String token;
            try (SignoffServer first = start(db, environment, "--set", "signoff.key-encryption-key-env=SIGNOFF_IT_KEK")) {
                token = access(first);
                assertEquals(0, warnings(first), first.output());
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT material FROM signoff_signing_key")) {
                assertTrue(rs.next());
                String material = rs.getString(1);
                assertFalse(material.contains("{"), "no JWK JSON in the clear");
                String protectedHeader = new String(Base64.getUrlDecoder().decode(material.substring(0, material.indexOf('.'))),
                        StandardCharsets.UTF_8);
                assertTrue(protectedHeader.contains("\"A256GCM\"") && protectedHeader.contains("\"dir\""), protectedHeader);
            }

            byte[] other = kek.clone();
            other[0] ^= 1;
            SignoffServer.Result wrong = SignoffServer.run("--port", "0", "--host", "127.0.0.1", "--db", db.url(),
                    "--set", "signoff.key-encryption-key=" + Base64.getEncoder().encodeToString(other));
            assertEquals(1, wrong.exitCode(), wrong.output());
            assertTrue(wrong.output().contains("Signoff failed to start: configuration error: signoff.key-encryption-key: "
                    + "cannot decrypt the stored signing key"), wrong.output());
            assertFalse(wrong.output().contains(Base64.getEncoder().encodeToString(other)), "the key is never repeated");
            assertFalse(wrong.output().contains("\tat "), "no stack trace");

            try (SignoffServer again = start(db, environment, "--set", "signoff.key-encryption-key-env=SIGNOFF_IT_KEK")) {
                assertEquals(200, get(again.url("/api/me"), bearer(token)).status(), "the right key-encryption key opens it");
            }
        }
    }
}
