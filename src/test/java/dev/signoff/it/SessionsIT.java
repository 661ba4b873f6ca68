package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session lists and their ends over HTTP, on the selected database: nodes A and B share one database (sync every
 * {@value #SYNC_INTERVAL_MS} ms; A holds a user to {@value #LIMIT} sessions, evicting the oldest), node C has a database
 * of its own with short lifetimes ({@value #IDLE_S} s idle, {@value #LIFETIME_S} s at most, purge every second) and
 * refuses a login beyond 2 sessions. A second device logs in from another loopback address (127.0.0.2).
 */
class SessionsIT {

    static final long SYNC_INTERVAL_MS = 500;
    /** Twice the configured worst case (one sync interval plus one read of at most a second), for a loaded machine. */
    static final long BOUND_MS = 2 * (SYNC_INTERVAL_MS + 1_000);
    static final int LIMIT = 3;
    static final int IDLE_S = 6;
    static final int LIFETIME_S = 10;
    private static final Set<String> FIELDS = Set.of("id", "created", "last_used", "expires", "user_agent", "address", "current");
    private static final String ISO_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    private static TestDatabase shared;
    private static TestDatabase own;
    private static SignoffServer a;
    private static SignoffServer b;
    private static SignoffServer c;

    @BeforeAll
    static void start() throws Exception {
        shared = TestDatabase.createServed("sessions");
        own = TestDatabase.create("sessions_lifetimes");
        List<String> users = List.of("--user", "pat:pat-pw", "--user", "hana:hana-pw", "--user", "lee:lee-pw", "--user", "eve:eve-pw",
                "--user", "root:root-pw:user,admin", "--set", "signoff.secret=" + Tokens.SECRET);
        List<String> ab = new ArrayList<>(users);
        ab.addAll(List.of("--db", shared.url(), "--set", "signoff.revocation.sync-interval=" + SYNC_INTERVAL_MS + "ms",
                "--set", "signoff.session.max-per-user=" + LIMIT));
        List<String> lifetimes = new ArrayList<>(List.of("--db", own.url(), "--user", "ida:ida-pw", "--user", "rita:rita-pw",
                "--set", "signoff.session.idle-timeout=" + IDLE_S + "s", "--set", "signoff.session.max-lifetime=" + LIFETIME_S + "s",
                "--set", "signoff.purge.interval=1s", "--set", "signoff.session.max-per-user=2",
                "--set", "signoff.session.limit-action=refuse"));
        CompletableFuture<SignoffServer> startA = starting(ab);
        CompletableFuture<SignoffServer> startC = starting(lifetimes);
        a = startA.get(120, TimeUnit.SECONDS);
        b = SignoffServer.start(ab.toArray(String[]::new));
        c = startC.get(120, TimeUnit.SECONDS);
    }

    private static CompletableFuture<SignoffServer> starting(List<String> args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return SignoffServer.start(args.toArray(String[]::new));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(a, b, c, shared, own);
    }

    /** A login of {@code user} on {@code node}: its access and refresh tokens and its session id. */
    record Device(String access, String refresh, String session) {
    }

    private static Device login(SignoffServer node, String user, String userAgent) {
        Http.Response r = Http.send("POST", node.url("/auth/login"), credentials(user, user + "-pw"),
                Map.of("Content-Type", "application/json", "User-Agent", userAgent));
        assertEquals(200, r.status(), r::toString);
        return device(node, r.text("access_token"), r.text("refresh_token"));
    }

    private static Device device(SignoffServer node, String access, String refresh) {
        Http.Response me = get(node.url("/api/me"), bearer(access));
        assertEquals(200, me.status(), me::toString);
        return new Device(access, refresh, me.text("session"));
    }

    /** A login sent from the loopback address 127.0.0.2, over a socket bound to it. */
    private static Device loginFromSecondAddress(SignoffServer node, String user, String userAgent) throws IOException {
        URI uri = URI.create(node.url("/auth/login"));
        byte[] body = credentials(user, user + "-pw").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nUser-Agent: " + userAgent + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            JsonNode json = Http.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            return device(node, json.get("access_token").asText(), json.get("refresh_token").asText());
        }
    }

    private static Http.Response sessions(SignoffServer node, Device device) {
        Http.Response r = get(node.url("/auth/sessions"), bearer(device.access()));
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    private static List<String> ids(Http.Response list) {
        List<String> ids = new ArrayList<>();
        list.json().forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    private static int me(SignoffServer node, Device device) {
        return get(node.url("/api/me"), bearer(device.access())).status();
    }

    private static Http.Response refresh(SignoffServer node, Device device) {
        return post(node.url("/auth/refresh"), "{\"refresh_token\":\"" + device.refresh() + "\"}", Http.json());
    }

    /** Milliseconds from {@code since} until {@code device}'s access token is refused on {@code node}. */
    private static long refusedWithin(SignoffServer node, Device device, long since) throws InterruptedException {
        long ms = Waits.until("the access token refused on " + node.url("/"), since, Duration.ofSeconds(30), Duration.ofMillis(20),
                () -> me(node, device) == 401);
        assertTrue(ms <= BOUND_MS, "refused on the second node after " + ms + " ms, beyond the bound of " + BOUND_MS + " ms");
        return ms;
    }

    @Test
    void aUserWithTwoDevicesSeesBothAndEndingTheOtherKillsItsTokensHereAndOnTheSecondNode() throws Exception {
        Device phone = login(a, "pat", "Phone/1.0");
        Thread.sleep(5);
        Device laptop = loginFromSecondAddress(a, "pat", "Laptop/2.0");
        assertEquals(200, me(b, laptop), "the laptop's token works on B before");

        Http.Response list = sessions(a, phone);
        assertEquals(List.of(laptop.session(), phone.session()), ids(list), "newest first: " + list.body());
        for (JsonNode session : list.json()) {
            Set<String> fields = new TreeSet<>();
            session.fieldNames().forEachRemaining(fields::add);
            assertEquals(new TreeSet<>(FIELDS), fields, session::toString);
            for (String time : List.of("created", "last_used", "expires")) {
                assertTrue(session.get(time).asText().matches(ISO_UTC), time + ": " + session);
            }
        }
        JsonNode first = list.json().get(0);
        JsonNode second = list.json().get(1);
        assertEquals("Laptop/2.0", first.get("user_agent").asText());
        assertEquals("127.0.0.2", first.get("address").asText());
        assertFalse(first.get("current").asBoolean());
        assertEquals("Phone/1.0", second.get("user_agent").asText());
        assertEquals("127.0.0.1", second.get("address").asText());
        assertTrue(second.get("current").asBoolean());
        for (String secret : List.of(phone.access(), phone.refresh(), laptop.access(), laptop.refresh())) {
            assertFalse(list.body().contains(secret), "no token in the list");
        }
        assertTrue(sessions(a, laptop).json().get(0).get("current").asBoolean(), "current is the caller's own session");
        assertEquals(ids(list), ids(sessions(b, phone)), "the second node lists the same sessions");

        Http.Response ended = post(a.url("/auth/sessions/" + laptop.session() + "/logout"), null, bearer(phone.access()));
        long at = System.nanoTime();
        assertEquals(200, ended.status(), ended::toString);
        assertEquals(List.of(laptop.session()), List.of(ended.json().get("sessions").get(0).asText()));
        assertEquals(401, me(a, laptop), "refused on this node at once");
        assertEquals(401, refresh(a, laptop).status(), "its refresh token is dead at once");
        long onB = refusedWithin(b, laptop, at);
        System.out.println("SessionsIT: ended session refused on the second node after " + onB + " ms (bound " + BOUND_MS + " ms)");

        assertEquals(200, me(a, phone));
        assertEquals(200, me(b, phone));
        assertEquals(List.of(phone.session()), ids(sessions(a, phone)));
        assertEquals(404, post(a.url("/auth/sessions/" + laptop.session() + "/logout"), null, bearer(phone.access())).status(),
                "an ended session is no live session");
    }

    @Test
    void anotherUsersSessionIdIsNotFoundAndEndsNothing() {
        Device pat = login(a, "pat", "Pat/1.0");
        Device hana = login(a, "hana", "Hana/1.0");
        Http.Response refused = post(a.url("/auth/sessions/" + hana.session() + "/logout"), null, bearer(pat.access()));
        assertEquals(404, refused.status(), refused::toString);
        assertEquals("not_found", refused.text("error"));
        assertEquals(refused.body(), post(a.url("/auth/sessions/no-such-session/logout"), null, bearer(pat.access())).body(),
                "someone else's session and no session answer alike");
        assertEquals(200, me(a, hana));
        assertEquals(200, refresh(a, hana).status(), "hana's refresh token still works");
        assertFalse(ids(sessions(a, pat)).contains(hana.session()), "nothing of other users in the list");

        assertEquals(401, get(a.url("/auth/sessions"), Map.of()).status(), "no credential");
        assertEquals(401, post(a.url("/auth/sessions/" + hana.session() + "/logout"), null, Map.of()).status());
        assertEquals(405, post(a.url("/auth/sessions"), null, bearer(pat.access())).status());
        assertEquals(404, get(a.url("/auth/sessions/" + pat.session()), bearer(pat.access())).status());
    }

    @Test
    void anAdministratorEndsEverySessionOfAUserAndOthersAreForbidden() throws Exception {
        Device one = login(a, "lee", "Lee/1.0");
        Device two = loginFromSecondAddress(a, "lee", "Lee/2.0");
        Device root = login(a, "root", "Admin/1.0");
        Device pat = login(a, "pat", "Pat/1.0");

        for (Http.Response forbidden : List.of(get(a.url("/admin/users/lee/sessions"), bearer(pat.access())),
                post(a.url("/admin/users/lee/logout"), null, bearer(pat.access())),
                post(a.url("/admin/users/lee/sessions/" + one.session() + "/logout"), null, bearer(pat.access())))) {
            assertEquals(403, forbidden.status(), forbidden::toString);
            assertEquals("forbidden", forbidden.text("error"));
        }
        assertEquals(401, get(a.url("/admin/users/lee/sessions"), Map.of()).status());
        assertEquals(200, me(a, one), "a refused administration ends nothing");

        Http.Response list = get(a.url("/admin/users/lee/sessions"), bearer(root.access()));
        assertEquals(200, list.status(), list::toString);
        assertEquals(List.of(two.session(), one.session()), ids(list));
        list.json().forEach(s -> assertFalse(s.get("current").asBoolean()));
        assertEquals("127.0.0.2", list.json().get(0).get("address").asText());
        assertEquals(404, post(a.url("/admin/users/hana/sessions/" + one.session() + "/logout"), null, bearer(root.access())).status(),
                "a session is ended under its own user only");

        Http.Response all = post(a.url("/admin/users/lee/logout"), null, bearer(root.access()));
        long at = System.nanoTime();
        assertEquals(200, all.status(), all::toString);
        assertEquals(2, all.json().get("sessions").size(), all::body);
        assertEquals(401, me(a, one));
        assertEquals(401, me(a, two));
        assertEquals(401, refresh(a, two).status());
        refusedWithin(b, one, at);
        refusedWithin(b, two, at);
        assertEquals("[]", get(a.url("/admin/users/lee/sessions"), bearer(root.access())).body());
        assertEquals(200, me(a, root));
        assertEquals(200, me(a, pat));

        Device three = login(a, "lee", "Lee/3.0");
        Http.Response endOne = post(a.url("/admin/users/lee/sessions/" + three.session() + "/logout"), null, bearer(root.access()));
        assertEquals(200, endOne.status(), endOne::toString);
        assertEquals(401, me(a, three));
    }

    @Test
    void aLoginBeyondTheLimitEvictsTheOldestSession() {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i <= LIMIT; i++) {
            devices.add(login(a, "eve", "Eve/" + i));
        }
        List<String> live = ids(sessions(a, devices.get(LIMIT)));
        assertEquals(LIMIT, live.size(), live::toString);
        assertFalse(live.contains(devices.get(0).session()), "the oldest was evicted");
        assertEquals(401, me(a, devices.get(0)));
        assertEquals(401, refresh(a, devices.get(0)).status());
        assertEquals(200, me(a, devices.get(1)));
    }

    @Test
    void aLoginBeyondTheLimitIsRefusedWhereConfigured() {
        login(c, "rita", "Rita/1");
        login(c, "rita", "Rita/2");
        Http.Response refused = post(c.url("/auth/login"), credentials("rita", "rita-pw"), Http.json());
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("session_limit", refused.text("error"));
        assertEquals(2, refused.json().get("limit").asInt());
    }

    @Test
    void anIdleSessionEndsAndNoRefreshOutlivesTheMaximumLifetime() throws Exception {
        long start = System.nanoTime();
        Device idle = login(c, "ida", "Idle/1");
        Device kept = login(c, "ida", "Kept/1");
        long lastRefreshMs = 0;
        long refusedMs = -1;
        boolean idleEnded = false;
        while (refusedMs < 0) {
            Thread.sleep(1_500);
            Http.Response r = refresh(c, kept);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (r.status() == 200) {
                kept = new Device(r.text("access_token"), r.text("refresh_token"), kept.session());
                lastRefreshMs = ms;
            } else {
                assertEquals(401, r.status(), r::toString);
                refusedMs = ms;
            }
            if (!idleEnded && me(c, idle) == 401) {
                idleEnded = true;
                assertTrue(ms >= IDLE_S * 1_000L, "the idle session ended after " + ms + " ms, before its idle timeout");
                assertEquals(401, refresh(c, idle).status(), "the idle session's refresh token ended with it");
                if (refusedMs < 0) {
                    assertEquals(List.of(kept.session()), ids(sessions(c, kept)), "the refreshed session lives on");
                }
            }
            assertTrue(ms < 60_000, "still refreshing after a minute");
        }
        assertTrue(idleEnded, "the idle session ended (by the purge) before the maximum lifetime");
        assertTrue(lastRefreshMs > IDLE_S * 1_000L, "refreshes kept the session beyond its idle timeout: " + lastRefreshMs + " ms");
        assertTrue(refusedMs >= LIFETIME_S * 1_000L, "refused after " + refusedMs + " ms, before the maximum lifetime");
        assertEquals(401, me(c, kept), "the session that reached its lifetime is ended, its access token with it");
    }
}
