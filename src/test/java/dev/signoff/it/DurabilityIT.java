package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A logout answers 200 only once its revocation is committed: the executable war runs on PostgreSQL as a separate
 * process, is killed with SIGKILL the moment a logout has answered, and started again on the same database with the
 * same secret. The revoked access and refresh tokens stay refused, while a login that was not logged out still works
 * (so the restarted node does accept the old tokens it should: the refusals are the database's doing).
 */
@Tag(TestDatabase.POSTGRESQL_ONLY)
class DurabilityIT {

    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabase.postgresql("durability");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static SignoffServer start() throws Exception {
        return SignoffServer.start("--db", db.url(), "--user", "kim:kim-pw", "--user", "lee:lee-pw",
                "--set", "signoff.secret=" + Tokens.SECRET);
    }

    private static Http.Response login(SignoffServer server, String user) {
        Http.Response r = post(server.url("/auth/login"), credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    private static Http.Response refresh(SignoffServer server, String token) {
        return post(server.url("/auth/refresh"), "{\"refresh_token\":\"" + token + "\"}", json());
    }

    /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed that was not already. */
    private static void kill(SignoffServer server) throws InterruptedException {
        Process process = server.process();
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the war did not die");
        assertEquals(137, process.exitValue(), "killed by SIGKILL (128 + 9)");
    }

    @Test
    void revocationsSurviveAKillRightAfterTheLogoutAnswered() throws Exception {
        Http.Response kept;
        Http.Response ended;
        SignoffServer first = start();
        try {
            kept = login(first, "kim");
            ended = login(first, "kim");
            Http.Response logout = post(first.url("/auth/logout"), null, bearer(ended.text("access_token")));
            assertEquals(200, logout.status(), logout::toString);
            kill(first);
        } finally {
            first.close();
        }

        Http.Response everywhere1;
        Http.Response everywhere2;
        try (SignoffServer second = start()) {
            assertEquals(200, get(second.url("/api/me"), bearer(kept.text("access_token"))).status(),
                    "the restarted node accepts a token issued before the restart");
            assertEquals(401, get(second.url("/api/me"), bearer(ended.text("access_token"))).status(), "the logged-out access token");
            assertEquals(401, refresh(second, ended.text("refresh_token")).status(), "the logged-out refresh token");
            Http.Response keptRefreshed = refresh(second, kept.text("refresh_token"));
            assertEquals(200, keptRefreshed.status(), "the other login of kim lives on");
            kept = keptRefreshed;

            everywhere1 = login(second, "lee");
            everywhere2 = login(second, "lee");
            Http.Response logoutAll = post(second.url("/auth/logout-all"), null, bearer(everywhere1.text("access_token")));
            assertEquals(200, logoutAll.status(), logoutAll::toString);
            kill(second);
        }

        try (SignoffServer third = start()) {
            for (Http.Response lee : new Http.Response[] {everywhere1, everywhere2}) {
                assertEquals(401, get(third.url("/api/me"), bearer(lee.text("access_token"))).status(), "logged out on all devices");
                assertEquals(401, refresh(third, lee.text("refresh_token")).status(), "logged out on all devices");
            }
            assertEquals(200, get(third.url("/api/me"), bearer(kept.text("access_token"))).status(), "kim is still logged in");
            assertEquals(200, refresh(third, kept.text("refresh_token")).status());
        }
    }
}
