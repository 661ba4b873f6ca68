package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Operations over HTTP against the built war, one server: the {@code /metrics} counters equal what a scripted
 * sequence did; {@code /metrics} is refused to a caller that a trusted proxy names by a non-loopback address;
 * every audit line is JSON, and nothing issued or typed during the test (token, password, raw session id) is
 * anywhere in the log, which runs at DEBUG so that the refusal reasons are read too; {@code /health/ready} turns 503
 * while the database relay is cut and 200 once it is back.
 */
@Tag(TestDatabase.INDEPENDENT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static TestDatabase db;
    private static TcpRelay relay;
    private static SignoffServer server;
    /** Everything the log must never show: tokens, passwords, raw session ids. */
    private static final Set<String> secrets = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.createServed("ops");
        relay = new TcpRelay(db.port());
        server = SignoffServer.start("--db", db.urlThrough(relay.port()), "--debug",
                "--user", "ada:ada-pw-31", "--user", "ben:ben-pw-42", "--user", "cy:cy-pw-53",
                "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", "signoff.refresh-reuse-grace=0s",
                "--set", "signoff.revocation.sync-interval=250ms",
                "--set", "signoff.revocation.max-staleness=3s",
                "--set", "signoff.login.max-failures=2",
                "--set", "signoff.audit.salt=ops-it-salt-0123456789",
                "--set", "trusted-proxies=127.0.0.1");
        secrets.addAll(List.of("ada-pw-31", "ben-pw-42", "cy-pw-53", "wrong-pw-64", Tokens.SECRET));
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, relay, db);
    }

    private static Http.Response login(String user, String password) {
        Http.Response r = post(server.url("/auth/login"), credentials(user, password), json());
        if (r.status() == 200) {
            remember(r);
        }
        return r;
    }

    private static Http.Response refresh(String refreshToken) {
        Http.Response r = post(server.url("/auth/refresh"), "{\"refresh_token\":\"" + refreshToken + "\"}", json());
        if (r.status() == 200) {
            remember(r);
        }
        return r;
    }

    /** The tokens of an answer and the session id their access token carries. */
    private static void remember(Http.Response r) {
        String access = r.text("access_token");
        secrets.add(access);
        secrets.add(r.text("refresh_token"));
        secrets.add(sid(access));
    }

    private static String sid(String access) {
        try {
            return SignedJWT.parse(access).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** The samples of {@code GET /metrics}, keyed {@code name{label="value",...}} with the labels sorted. */
    static Map<String, Double> scrape() {
        Http.Response r = get(server.url("/metrics"), Map.of());
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.header("Content-Type").orElse("").startsWith("text/plain"), r::toString);
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            assertTrue(m.matches(), "a Prometheus sample line: " + line);
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
        }
        return samples;
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder key = new StringBuilder(name);
        if (!labels.isEmpty()) {
            List<String> parts = new ArrayList<>();
            new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
            key.append('{').append(String.join(",", parts)).append('}');
        }
        return key.toString();
    }

    private static String series(String name, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return key(name, map);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertTrue(after.containsKey(series), "no sample " + series + " in " + new TreeMap<>(after).keySet());
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    @Test
    @Order(1)
    void theCountersEqualWhatWasDone() {
        Map<String, Double> before = scrape();

        Http.Response ada = login("ada", "ada-pw-31");
        assertEquals(200, ada.status(), ada::toString);
        assertEquals(401, login("ada", "wrong-pw-64").status());
        assertEquals(401, login("cy", "wrong-pw-64").status());
        assertEquals(401, login("cy", "wrong-pw-64").status());
        Http.Response throttled = login("cy", "cy-pw-53");
        assertEquals(429, throttled.status(), throttled::toString);

        Http.Response rotated = refresh(ada.text("refresh_token"));
        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals(200, get(server.url("/api/me"), bearer(rotated.text("access_token"))).status(), "a success counts nothing");
        assertEquals(401, refresh("not-a-refresh-token").status());
        assertEquals(401, refresh(ada.text("refresh_token")).status(), "a consumed token presented again: reuse");

        Http.Response ben = login("ben", "ben-pw-42");
        assertEquals(200, post(server.url("/auth/logout"), null, bearer(ben.text("access_token"))).status());
        post(server.url("/auth/logout"), null, Map.of()); // no credential: the result missing
        Http.Response benAgain = login("ben", "ben-pw-42");
        assertEquals(200, post(server.url("/auth/logout-all"), null, bearer(benAgain.text("access_token"))).status());

        assertEquals(401, get(server.url("/api/me"), bearer("garbage")).status());
        assertEquals(401, get(server.url("/api/me"), bearer(ben.text("access_token"))).status());
        Instant past = Instant.now().minusSeconds(3_600);
        String expired = Tokens.sign(Tokens.claims("ada", "s1").issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60)))
                .build());
        assertEquals(401, get(server.url("/api/me"), bearer(expired)).status());
        String otherKey = Tokens.sign(Tokens.claims("ada", "s1").build(), "another-secret-0123456789-abcdefghijkl", h -> h);
        assertEquals(401, get(server.url("/api/me"), bearer(otherKey)).status());
        String unknownKid = Tokens.sign(Tokens.claims("ada", "s1").build(), Tokens.SECRET, h -> h.keyID("no-such-key"));
        assertEquals(401, get(server.url("/api/me"), bearer(unknownKid)).status());
        assertEquals(403, post(server.url("/auth/logout"), null, Map.of("Sec-Fetch-Site", "cross-site",
                "Cookie", "signoff_access=" + rotated.text("access_token"))).status());

        Map<String, Double> after = scrape();
        assertEquals(3, delta(before, after, series("signoff_logins_total", "result", "succeeded")));
        assertEquals(3, delta(before, after, series("signoff_logins_total", "result", "failed")));
        assertEquals(1, delta(before, after, series("signoff_logins_total", "result", "throttled")));
        assertEquals(1, delta(before, after, series("signoff_refreshes_total", "result", "rotated")));
        assertEquals(1, delta(before, after, series("signoff_refreshes_total", "result", "refused")));
        assertEquals(1, delta(before, after, series("signoff_refreshes_total", "result", "reuse_detected")));
        assertEquals(1, delta(before, after, series("signoff_logouts_total", "scope", "session", "result", "success", "reason", "user")));
        assertEquals(1, delta(before, after, series("signoff_logouts_total", "scope", "session", "result", "missing", "reason", "user")));
        assertEquals(1, delta(before, after, series("signoff_logouts_total", "scope", "user", "result", "success", "reason", "user")));
        assertEquals(1, delta(before, after, series("signoff_logouts_total", "scope", "session", "result", "success",
                "reason", "reuse_detected")));
        assertEquals(1, delta(before, after, series("signoff_auth_refused_total", "reason", "malformed")));
        assertEquals(1, delta(before, after, series("signoff_auth_refused_total", "reason", "revoked")));
        assertEquals(1, delta(before, after, series("signoff_auth_refused_total", "reason", "expired")));
        assertEquals(1, delta(before, after, series("signoff_auth_refused_total", "reason", "bad_signature")));
        assertEquals(1, delta(before, after, series("signoff_auth_refused_total", "reason", "unknown_key")));
        assertEquals(1, delta(before, after, series("signoff_cross_site_refused_total")));
        assertEquals(0, delta(before, after, series("signoff_revocation_write_failures_total")));
        assertEquals(7, delta(before, after, series("signoff_login_duration_seconds_count")));
        assertEquals(3, delta(before, after, series("signoff_refresh_duration_seconds_count")));
        assertEquals(4, delta(before, after, series("signoff_logout_duration_seconds_count")));
        assertEquals(1, after.get(series("signoff_database_reachable")));
        assertEquals(0, after.get(series("signoff_revocation_pending_writes")));
        assertTrue(after.get(series("signoff_revocation_view_size")) >= 3, "ada's reused session, ben's session and ben himself");
        double age = after.get(series("signoff_revocation_read_age_seconds"));
        assertTrue(age >= 0 && age < 3, "read every 250 ms: " + age);
    }

    @Test
    @Order(2)
    void aCallerNamedByTheTrustedProxyIsJudgedByItsOwnAddress() {
        Http.Response outside = get(server.url("/metrics"), Map.of("X-Forwarded-For", "127.0.0.1, 192.0.2.10"));
        assertEquals(403, outside.status(), outside::toString);
        assertEquals("forbidden", outside.text("error"));
        assertFalse(outside.body().contains("signoff_"), "no metric in the refusal");
        assertEquals(200, get(server.url("/metrics"), Map.of("X-Forwarded-For", "192.0.2.10, 127.0.0.1")).status(),
                "the last hop is the caller the proxy saw");
        assertEquals(405, post(server.url("/metrics"), null, Map.of()).status(), "only GET and HEAD");
    }

    @Test
    @Order(3)
    void everyAuditLineIsJsonAndTheLogHoldsNoSecret() throws Exception {
        Http.Response ada = login("ada", "ada-pw-31");
        Http.Response rotated = refresh(ada.text("refresh_token"));
        assertEquals(401, refresh(ada.text("refresh_token")).status());
        Http.Response ben = login("ben", "ben-pw-42");
        assertEquals(200, post(server.url("/auth/logout"), null, bearer(ben.text("access_token"))).status());
        assertEquals(401, login("ben", "wrong-pw-64").status());
        String adaSid = sid(ada.text("access_token"));
        Waits.until("the last audit line", () -> server.output().contains("\"event\":\"login_failed\",\"subject\":\"ben\""));

        String log = server.output();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            int start = line.indexOf("{\"time\":");
            if (start >= 0) {
                lines.add(Http.JSON.readTree(line.substring(start)));
            }
        }
        assertFalse(lines.isEmpty(), "audit lines in the log:\n" + log);
        Set<String> events = new HashSet<>();
        for (JsonNode line : lines) {
            assertEquals(List.of("time", "event", "subject", "session", "address", "user_agent", "result"),
                    fieldNames(line).subList(0, 7), line::toString);
            Instant.parse(line.get("time").asText());
            events.add(line.get("event").asText());
            if (!line.get("session").isNull()) {
                assertTrue(line.get("session").asText().matches("[0-9a-f]{64}"), line::toString);
            }
        }
        assertTrue(events.containsAll(Set.of("login", "login_failed", "login_throttled", "refresh", "refresh_refused", "reuse_detected",
                "logout", "logout_all")), events::toString);
        String adaHash = lines.stream().filter(l -> l.get("event").asText().equals("login") && l.get("subject").asText().equals("ada"))
                .reduce((first, second) -> second).orElseThrow().get("session").asText();
        assertTrue(lines.stream().anyMatch(l -> l.get("event").asText().equals("reuse_detected") && l.get("session").asText().equals(adaHash)),
                "the reuse line names the session the login line named");
        assertTrue(log.contains("refresh token reuse: session " + adaHash), "the WARNING names it by the same hash");
        assertNotEquals(adaSid, adaHash);
        assertEquals("127.0.0.1", lines.get(0).get("address").asText());

        List<String> leaked = secrets.stream().filter(s -> s != null && log.contains(s)).toList();
        assertEquals(List.of(), leaked, () -> "secrets issued or typed during the test appear in the log:\n"
                + log.lines().filter(l -> leaked.stream().anyMatch(l::contains)).collect(java.util.stream.Collectors.joining("\n")));
        assertTrue(rotated.status() == 200);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @Order(4)
    void healthIsUpAndReadinessFollowsTheDatabase() throws Exception {
        Http.Response live = get(server.url("/health"), Map.of());
        assertEquals(200, live.status());
        assertEquals("{\"status\":\"UP\"}", live.body());
        assertEquals(200, get(server.url("/health/ready"), Map.of()).status());

        relay.cut();
        long cut = System.nanoTime();
        long down;
        try {
            down = Waits.until(cut, 503, () -> get(server.url("/health/ready"), Map.of()).status());
            Http.Response ready = get(server.url("/health/ready"), Map.of());
            assertEquals(503, ready.status());
            assertEquals("DOWN", ready.text("status"));
            assertTrue(Set.of("database_unreachable", "revocations_stale").contains(ready.text("reason")), ready::toString);
            assertEquals(200, get(server.url("/health"), Map.of()).status(), "liveness does not depend on the database");
            assertFalse(ready.body().contains("jdbc"), "no configuration in the answer");
        } finally {
            relay.restore();
        }
        long restored = System.nanoTime();
        long up = Waits.until(restored, 200, () -> get(server.url("/health/ready"), Map.of()).status());
        assertTrue(Duration.ofMillis(up).compareTo(Duration.ofSeconds(30)) < 0);
        System.out.printf("READINESS: 503 %d ms after the database relay was cut, 200 %d ms after it was restored%n", down, up);
    }
}
