package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same races as the store-level {@code RaceIT}, end to end over HTTP against the war on the database under
 * test, {@value #DEFAULT_ROUNDS} rounds each (system property {@code signoff.it.http-race-rounds}), with a grace
 * window of 0: two refreshes of one token never both get tokens, and once a logout has answered 200 no token of
 * its session works (neither the access tokens nor the refresh token a racing refresh obtained).
 */
class RefreshRaceIT {

    static final int DEFAULT_ROUNDS = 150;
    private static final int ROUNDS = Integer.getInteger("signoff.it.http-race-rounds", DEFAULT_ROUNDS);

    private static TestDatabase db;
    private static SignoffServer server;
    private static ExecutorService threads;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("http_race");
        server = SignoffServer.start("--db", db.url(), "--user", "rita:rita-pw", "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", "signoff.refresh-reuse-grace=0s");
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() throws Exception {
        threads.shutdownNow();
        Waits.closeAll(server, db);
    }

    private static List<Http.Response> atOnce(Callable<Http.Response> first, Callable<Http.Response> second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<Http.Response>> futures = new ArrayList<>();
        for (Callable<Http.Response> task : List.of(first, second)) {
            futures.add(threads.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                return task.call();
            }));
        }
        List<Http.Response> responses = new ArrayList<>();
        for (Future<Http.Response> future : futures) {
            try {
                responses.add(future.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
        return responses;
    }

    private static Http.Response login() {
        Http.Response r = post(server.url("/auth/login"), credentials("rita", "rita-pw"), json());
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    private static Http.Response refresh(String token) {
        return post(server.url("/auth/refresh"), "{\"refresh_token\":\"" + token + "\"}", json());
    }

    @Test
    void twoRefreshesOfOneTokenNeverBothGetTokens() throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String token = login().text("refresh_token");
            List<Http.Response> both = atOnce(() -> refresh(token), () -> refresh(token));
            int ok = (int) both.stream().filter(r -> r.status() == 200).count();
            outcomes.merge(both.get(0).status() + "/" + both.get(1).status(), 1, Integer::sum);
            if (ok > 1) {
                violations.add("round " + round + ": both refreshes got tokens");
            }
            for (Http.Response r : both) {
                if (r.status() != 200 && r.status() != 401) {
                    violations.add("round " + round + ": unexpected " + r);
                }
            }
        }
        System.out.printf("RACE same refresh token twice over HTTP on %s: %d rounds, statuses %s, violations %d%n", db.kind(), ROUNDS,
                outcomes, violations.size());
        assertEquals(List.of(), violations);
    }

    @Test
    void onceLogoutHasAnsweredNoTokenOfTheSessionWorks() throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Http.Response login = login();
            String access = login.text("access_token");
            String refreshToken = login.text("refresh_token");
            String path = round % 2 == 0 ? "/auth/logout" : "/auth/logout-all";
            List<Http.Response> both = atOnce(() -> refresh(refreshToken), () -> post(server.url(path), null, bearer(access)));
            Http.Response refreshed = both.get(0);
            Http.Response logout = both.get(1);
            outcomes.merge(path + " " + logout.status() + ", refresh " + refreshed.status(), 1, Integer::sum);
            if (logout.status() != 200) {
                violations.add("round " + round + ": logout answered " + logout);
                continue;
            }
            List<String> accessTokens = new ArrayList<>(List.of(access));
            List<String> refreshTokens = new ArrayList<>(List.of(refreshToken));
            if (refreshed.status() == 200) {
                accessTokens.add(refreshed.text("access_token"));
                refreshTokens.add(refreshed.text("refresh_token"));
            }
            for (String token : accessTokens) {
                if (get(server.url("/api/me"), bearer(token)).status() != 401) {
                    violations.add("round " + round + ": an access token of the session works after " + path);
                }
            }
            for (String token : refreshTokens) {
                Http.Response again = refresh(token);
                if (again.status() != 401) {
                    violations.add("round " + round + ": a refresh token of the session works after " + path + ": " + again.status());
                }
            }
        }
        System.out.printf("RACE refresh racing logout over HTTP on %s: %d rounds, outcomes %s, violations %d%n", db.kind(), ROUNDS,
                outcomes, violations.size());
        assertEquals(List.of(), violations);
    }
}
