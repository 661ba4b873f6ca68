package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the executable war keeps its data when no DataSource is bound (it has no JNDI at all): a JNDI name given
 * explicitly fails the deployment naming {@code signoff.db.jndi}, even with a URL to fall back on, since on a cluster a
 * mistyped name would give each node a database of its own; the default name falls back to {@code signoff.db.url}, and
 * without it to the H2 file in {@code ~/.signoff}, with one WARNING naming the file.
 */
@Tag(TestDatabase.INDEPENDENT)
class JndiFailClosedIT {

    @Test
    void aJndiNameGivenExplicitlyWithNothingBoundFailsTheDeploymentNamingTheParameter() throws Exception {
        SignoffServer.Result result = SignoffServer.run("--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:jndi_fail_closed",
                "--set", "signoff.db.jndi=java:comp/env/jdbc/typo");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("signoff.db.jndi: no DataSource at java:comp/env/jdbc/typo"), result.output());
        assertTrue(result.output().contains("failed to start"), result.output());
        assertTrue(!result.output().contains("listening on"), "nothing is served: " + result.output());
    }

    @Test
    void withoutADataSourceOrAUrlTheH2FileIsNamedInOneWarning(@TempDir Path home) throws Exception {
        // the JVM's home directory, where ~/.signoff lies, is this test's own
        try (SignoffServer server = SignoffServer.start(Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + home), "--user", "ada:ada-pw")) {
            Path file = home.resolve(".signoff").resolve("signoff.mv.db");
            long warnings = server.output().lines().filter(l -> l.contains("Signoff keeps its data in the H2 file " + file)).count();
            assertEquals(1, warnings, server.output());
            Http.Response login = post(server.url("/auth/login"), credentials("ada", "ada-pw"), json());
            assertEquals(200, login.status(), login::toString);
            assertEquals(200, get(server.url("/api/me"), bearer(login.text("access_token"))).status());
            assertTrue(Files.exists(file), "the data is in " + file);
        }
    }
}
