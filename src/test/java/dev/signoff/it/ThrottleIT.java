package dev.signoff.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Login throttling over HTTP, in the node's memory (the default store): each test is its own callers, on their own
 * loopback addresses (127.0.0.2 and up), so that the per-address counts of one test do not reach another's.
 * {@value #MAX_FAILURES} failures of a username, or {@value #MAX_PER_ADDRESS} from an address, within a window of
 * {@value #WINDOW_SECONDS} s, and the next attempt is 429 with {@code Retry-After}, the same for an unknown user;
 * the window over, a login goes through.
 */
@Tag(TestDatabase.INDEPENDENT)
class ThrottleIT {

    static final int MAX_FAILURES = 2;
    static final int MAX_PER_ADDRESS = 3;
    static final int WINDOW_SECONDS = 10;

    private static TestDatabase db;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("throttle");
        server = SignoffServer.start("--db", db.url(), "--user", "pat:pat-pw", "--user", "hana:hana-pw", "--user", "ben:ben-pw",
                "--set", "signoff.login.max-failures=" + MAX_FAILURES,
                "--set", "signoff.login.max-failures-per-address=" + MAX_PER_ADDRESS,
                "--set", "signoff.login.failure-window=" + WINDOW_SECONDS + "s");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
    }

    private static FromAddress.Answer login(String from, String user, String password) {
        return FromAddress.post(from, server.url("/auth/login"), Http.credentials(user, password));
    }

    private static void assertThrottled(FromAddress.Answer answer) {
        assertEquals(429, answer.status(), answer::toString);
        assertEquals("too_many_attempts", answer.text("error"));
        String retryAfter = answer.header("Retry-After");
        assertNotNull(retryAfter, answer::toString);
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= WINDOW_SECONDS, "a wait within the window: " + seconds);
    }

    @Test
    void aUsernameIsThrottledAfterItsFailuresKnownOrNotAndLetThroughAfterTheWindow() throws Exception {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertEquals(401, login("127.0.0.2", "pat", "wrong").status());
            assertEquals(401, login("127.0.0.3", "nobody", "wrong").status());
        }
        long lastFailure = System.nanoTime();
        FromAddress.Answer known = login("127.0.0.2", "pat", "pat-pw");
        assertThrottled(known);
        FromAddress.Answer unknown = login("127.0.0.3", "nobody", "wrong");
        assertThrottled(unknown);
        assertEquals(known.body(), unknown.body(), "an unknown user is answered as a known one");
        assertThrottled(login("127.0.0.4", "pat", "pat-pw"));

        long through = Waits.until("pat's login after the window", lastFailure, Duration.ofSeconds(3 * WINDOW_SECONDS),
                Duration.ofMillis(500), () -> login("127.0.0.2", "pat", "pat-pw").status() == 200);
        assertTrue(through >= (WINDOW_SECONDS - 2) * 1000L, "throttled for the window (less the time to send): " + through + " ms");
        System.out.printf("THROTTLE: pat let through %d ms after the last failure (window %d s)%n", through, WINDOW_SECONDS);
    }

    @Test
    void anAddressIsThrottledAfterItsFailuresWhateverTheUsernames() {
        for (int i = 0; i < MAX_PER_ADDRESS; i++) {
            assertEquals(401, login("127.0.0.5", "guess-" + i, "wrong").status());
        }
        assertThrottled(login("127.0.0.5", "hana", "hana-pw"));
        assertEquals(200, login("127.0.0.6", "hana", "hana-pw").status(), "from another address hana logs in");
    }

    @Test
    void aSuccessForgetsTheUsernamesFailures() {
        for (int round = 0; round < 2; round++) {
            assertEquals(401, login("127.0.0.7", "ben", "wrong").status());
            assertEquals(200, login("127.0.0.8", "ben", "ben-pw").status(), "round " + round);
        }
    }
}
