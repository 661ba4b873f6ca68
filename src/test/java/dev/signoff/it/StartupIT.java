package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the executable war starts: its options, its keys, and the deployment failures bad settings cause. */
class StartupIT {

    @Tag(TestDatabase.INDEPENDENT)
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "signoff.secret=tiny-secret                  | signoff.secret: an HS256 secret must be at least 32 bytes",
        "signoff.algorithm=HS384                     | signoff.algorithm: expected one of [HS256, RS256, ES256, EdDSA]",
        "signoff.key-rotation=1s                     | signoff.key-rotation: expected off or a duration from 5s to 365d",
        "signoff.cookie.access.same-site=None        | signoff.cookie.access.same-site: SameSite=None requires signoff.cookie.access.secure=true",
        "signoff.isuer=typo                          | signoff.isuer: unknown context-param",
        "signoff.access-token-ttl=forever            | signoff.access-token-ttl: expected a duration",
        "signoff.secret-env=SIGNOFF_NOT_SET_ANYWHERE | signoff.secret-env: names the environment variable 'SIGNOFF_NOT_SET_ANYWHERE', which is not set",
        "signoff.db.schema=sometimes                 | signoff.db.schema: expected one of [create, none]",
        "signoff.revocation.redis-url=redis://:tiny-secret@127.0.0.1:port | signoff.revocation.redis-url: expected redis://HOST[:PORT][/DATABASE]",
    })
    void badSettingsFailTheDeploymentNamingTheParameter(String setting, String message) throws Exception {
        SignoffServer.Result result = SignoffServer.run("--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:startup",
                "--set", setting.trim());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Signoff failed to start: configuration error: " + message.trim()), result.output());
        assertFalse(result.output().contains("tiny-secret"), "a secret is never repeated");
        assertFalse(result.output().contains("\tat "), "no stack trace");
    }

    @Tag(TestDatabase.INDEPENDENT)
    @Test
    void unknownOptionsAndContractsAreRefusedClearly() throws Exception {
        SignoffServer.Result contract = SignoffServer.run("--contract", "nope");
        assertEquals(2, contract.exitCode());
        assertTrue(contract.output().contains("unknown contract 'nope'"), contract.output());
        SignoffServer.Result option = SignoffServer.run("--frobnicate");
        assertEquals(2, option.exitCode());
        SignoffServer.Result https = SignoffServer.run("--https-port", "0", "--keystore-password-env", "SIGNOFF_NOT_SET_ANYWHERE");
        assertEquals(2, https.exitCode(), https.output());
        assertTrue(https.output().contains("HTTPS needs --https-port, --keystore and --keystore-password-env together; missing --keystore"),
                https.output());
        SignoffServer.Result help = SignoffServer.run("--help");
        assertEquals(0, help.exitCode());
        for (String documented : new String[] {"--port", "--host", "--user", "--db", "--contract", "--set", "--https-port", "--keystore",
            "--keystore-password-env", "--debug", "--verbose", "--help", "packaged: bearer-all-devices, bearer-refresh, http-session, jwt-cookie, refresh-cookie, session-cookie"}) {
            assertTrue(help.output().contains(documented), documented);
        }
    }

    @Test
    void withoutUsersADemoUserIsCreatedAndPrinted() throws Exception {
        try (TestDatabase db = TestDatabase.create("demo"); SignoffServer server = SignoffServer.start("--db", db.url())) {
            String line = server.output().lines().filter(l -> l.startsWith("Demo user: demo")).findFirst().orElseThrow();
            String password = line.replaceAll(".*password: (\\S+).*", "$1");
            Http.Response login = post(server.url("/auth/login"), credentials("demo", password), json());
            assertEquals(200, login.status(), login::toString);
            assertEquals(200, get(server.url("/api/me"), bearer(login.text("access_token"))).status());
        }
    }

    @ParameterizedTest
    @CsvSource({"RS256", "ES256", "EdDSA"})
    void asymmetricKeysFromAJwkSetFile(String algorithm, @TempDir Path dir) throws Exception {
        JWKSet keys = new JWKSet(switch (algorithm) {
            case "RS256" -> new RSAKeyGenerator(2048).keyID("2026-11").generate();
            case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID("2026-11").generate();
            default -> new OctetKeyPairGenerator(Curve.Ed25519).keyID("2026-11").generate();
        });
        Path file = dir.resolve("keys.json");
        Files.writeString(file, keys.toString(false));
        try (TestDatabase db = TestDatabase.create("keys_" + algorithm);
             SignoffServer server = SignoffServer.start("--db", db.url(),
                "--user", "frank:frank-pw", "--set", "signoff.algorithm=" + algorithm, "--set", "signoff.jwks-file=" + file)) {
            Http.Response login = post(server.url("/auth/login"), credentials("frank", "frank-pw"), json());
            String access = login.text("access_token");
            assertTrue(new String(java.util.Base64.getUrlDecoder().decode(access.split("\\.")[0])).contains("\"alg\":\"" + algorithm + "\""));
            assertEquals(200, get(server.url("/api/me"), bearer(access)).status());
            assertEquals(200, post(server.url("/auth/logout"), null, bearer(access)).status());
            assertEquals(401, get(server.url("/api/me"), bearer(access)).status());
            assertEquals(401, get(server.url("/api/me"), bearer(Tokens.sign(Tokens.claims("frank", "x").build()))).status(),
                    "an HS256 token is refused by a " + algorithm + " deployment");
        }
    }
}
