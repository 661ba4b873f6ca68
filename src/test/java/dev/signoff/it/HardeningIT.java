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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests a hostile or clumsy client sends: cross-site forms and fetches, bodies cut short, wrong methods,
 * unknown paths, expired tokens of ended logins. Each gets a clear 4xx with a JSON body and changes nothing.
 */
class HardeningIT {

    private static final String EVIL = "http://evil.example";

    private static TestDatabase db;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("hardening");
        server = SignoffServer.start("--db", db.url(), "--user", "erin:erin-pw", "--user", "frank:frank-pw",
                "--set", "signoff.secret=" + Tokens.SECRET, "--set", "signoff.allowed-origins=http://app.example");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
        String log = String.join("\n", server.output());
        assertFalse(log.contains("SEVERE") || log.contains("\tat "), "no stack trace in the log:\n" + log);
    }

    private static Http.Response login(String user) {
        Http.Response r = post(server.url("/auth/login"), credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    /** The {@code Cookie} header a browser would send back after {@code login}. */
    private static String cookiesOf(Http.Response login) {
        StringBuilder cookies = new StringBuilder();
        for (String line : login.setCookies()) {
            SetCookie cookie = SetCookie.parse(line);
            if (!cookie.value().isEmpty()) {
                cookies.append(cookies.length() == 0 ? "" : "; ").append(cookie.name()).append('=').append(cookie.value());
            }
        }
        return cookies.toString();
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static void assertJsonError(Http.Response r, int status) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/json"), r::toString);
        assertTrue(r.body().startsWith("{\"error\":"), () -> "error first, then message: " + r);
        assertTrue(r.json().hasNonNull("message"), r::toString);
        assertEquals("no-store", r.header("Cache-Control").orElse(""), r::toString);
    }

    private static void assertStillLoggedIn(String access) {
        assertEquals(200, get(server.url("/api/me"), bearer(access)).status(), "the victim's login is untouched");
    }

    @Test
    void crossSiteLogoutEndsNothingAndClearsNothing() {
        Http.Response victim = login("erin");
        String cookies = cookiesOf(victim);
        for (Map<String, String> crossSite : List.of(
                headers("Cookie", cookies, "Origin", EVIL, "Sec-Fetch-Site", "cross-site"),
                headers("Cookie", cookies, "Sec-Fetch-Site", "cross-site"),
                headers("Cookie", cookies, "Origin", EVIL),
                headers("Cookie", cookies, "Origin", "null"))) {
            for (String path : List.of("/auth/logout", "/auth/logout-all")) {
                Http.Response r = post(server.url(path), "", crossSite);
                assertJsonError(r, 403);
                assertEquals("cross_site_request", r.text("error"));
                assertTrue(r.setCookies().isEmpty(), () -> "a refused request clears no cookie: " + r);
                assertTrue(r.header("Clear-Site-Data").isEmpty(), r::toString);
                assertStillLoggedIn(victim.text("access_token"));
            }
        }
        // the browser withholds SameSite cookies on a cross-site form: still refused, and still nothing cleared
        Http.Response withheld = post(server.url("/auth/logout"), "", headers("Origin", EVIL, "Sec-Fetch-Site", "cross-site"));
        assertJsonError(withheld, 403);
        assertTrue(withheld.setCookies().isEmpty(), withheld::toString);

        String own = server.url("");
        Http.Response sameOrigin = post(server.url("/auth/logout"), "", headers("Cookie", cookies, "Origin", own,
                "Sec-Fetch-Site", "same-origin"));
        assertEquals(200, sameOrigin.status(), sameOrigin::toString);
        assertEquals(401, get(server.url("/api/me"), bearer(victim.text("access_token"))).status());
    }

    @Test
    void crossSiteLoginFormIsRefused() {
        String form = "username=frank&password=frank-pw";
        Map<String, String> crossSite = headers("Content-Type", "application/x-www-form-urlencoded", "Origin", EVIL,
                "Sec-Fetch-Site", "cross-site");
        Http.Response r = post(server.url("/auth/login"), form, crossSite);
        assertJsonError(r, 403);
        assertTrue(r.setCookies().isEmpty(), r::toString);
        assertFalse(r.body().contains("access_token"), r::toString);

        Http.Response allowed = post(server.url("/auth/login"), form, headers("Content-Type", "application/x-www-form-urlencoded",
                "Origin", "http://app.example", "Sec-Fetch-Site", "same-site"));
        assertEquals(200, allowed.status(), "an origin listed in signoff.allowed-origins may call: " + allowed);
        Http.Response curl = post(server.url("/auth/login"), form, headers("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, curl.status(), "no Origin and no Sec-Fetch-Site: not a browser, not refused");
    }

    @Test
    void crossSiteRefreshWithTheCookieIsRefused() {
        Http.Response victim = login("frank");
        Http.Response r = post(server.url("/auth/refresh"), "", headers("Cookie", cookiesOf(victim), "Origin", EVIL,
                "Sec-Fetch-Site", "cross-site"));
        assertJsonError(r, 403);
        assertTrue(r.setCookies().isEmpty(), r::toString);
        Http.Response rotated = post(server.url("/auth/refresh"), "{\"refresh_token\":\"" + victim.text("refresh_token") + "\"}", json());
        assertEquals(200, rotated.status(), "the refused request consumed nothing: " + rotated);
    }

    @Test
    void crossSiteUnsafeRequestIsNotAuthenticatedByCookies() {
        Http.Response victim = login("frank");
        Http.Response r = Http.send("PUT", server.url("/api/me"), "{}", headers("Cookie", cookiesOf(victim), "Origin", EVIL,
                "Sec-Fetch-Site", "cross-site"));
        assertJsonError(r, 403);
        Http.Response read = get(server.url("/api/me"), headers("Cookie", cookiesOf(victim), "Sec-Fetch-Site", "cross-site"));
        assertEquals(200, read.status(), "a safe method changes nothing and is not refused: " + read);
    }

    @Test
    void bearerOnlyRequestsAreNotAffected() {
        Http.Response victim = login("erin");
        Http.Response r = post(server.url("/auth/logout"), "", headers("Authorization", "Bearer " + victim.text("access_token"),
                "Origin", EVIL, "Sec-Fetch-Site", "cross-site"));
        assertEquals(200, r.status(), r::toString);
    }

    @Test
    void anExpiredTokenOfAnEndedLoginIdentifiesNothing() {
        Http.Response first = login("erin");
        Http.Response second = login("erin");
        String sid = get(server.url("/api/me"), bearer(first.text("access_token"))).text("session");
        assertEquals(200, post(server.url("/auth/logout"), "", bearer(first.text("access_token"))).status());

        Instant past = Instant.now().minusSeconds(7200);
        String expired = Tokens.sign(Tokens.claims("erin", sid).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(900))).build());
        // a login that ended long ago, beyond what the revocation view still holds, is no longer in memory either
        String ancient = Tokens.sign(Tokens.claims("erin", "sessionEndedLongAgo000").issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(900))).build());
        for (String token : List.of(expired, ancient)) {
            for (String path : List.of("/auth/logout", "/auth/logout-all")) {
                Http.Response r = post(server.url(path), "", bearer(token));
                assertJsonError(r, 401);
                assertStillLoggedIn(second.text("access_token"));
            }
        }

        // an expired token of a login that is still live may end it (accept-expired)
        String liveSid = get(server.url("/api/me"), bearer(second.text("access_token"))).text("session");
        String expiredLive = Tokens.sign(Tokens.claims("erin", liveSid).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(900))).build());
        assertEquals(200, post(server.url("/auth/logout"), "", bearer(expiredLive)).status());
        assertEquals(401, get(server.url("/api/me"), bearer(second.text("access_token"))).status());
    }

    @Test
    void bodiesShorterThanTheirLengthAreBadRequests() throws IOException {
        String request = "POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\nConnection: close\r\n\r\n{\"username\":\"erin\"";
        String answer = raw(request, true);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("{\"error\":\"invalid_request\""), answer);

        // the client gives up in the middle of the body: nothing to answer, and nothing but a debug line
        try (Socket socket = socket()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        assertEquals(200, get(server.url("/api/me"), bearer(login("erin").text("access_token"))).status());
    }

    /**
     * A refusal written before the body has arrived (a client that sends the headers, then the body: the JDK's
     * HttpClient, curl with a large form) either leaves the connection able to carry the next request or says
     * {@code Connection: close}; a connection closed without that word breaks the client's next request.
     */
    @Test
    void aRefusalAnsweredBeforeTheBodyArrivedLeavesTheConnectionUsableOrSaysItCloses() throws Exception {
        String form = "username=frank&password=frank-pw";
        Map<String, String> refusals = Map.of(
                "POST /auth/login", "Origin: " + EVIL + "\r\nSec-Fetch-Site: cross-site\r\n",
                "PUT /auth/login", "",
                "POST /api/me", "");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            try (Socket socket = socket()) {
                OutputStream out = socket.getOutputStream();
                out.write((refusal.getKey() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + refusal.getValue()
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
                out.write(form.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = readAnswer(in);
                assertTrue(answer.matches("(?s)HTTP/1\\.1 4\\d\\d .*"), () -> refusal.getKey() + ": " + answer);
                if (answer.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n")) {
                    continue;
                }
                String next;
                try {
                    out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    next = readAnswer(in);
                } catch (IOException e) {
                    next = e.toString();
                }
                String carried = next;
                assertTrue(carried.startsWith("HTTP/1.1 200"), () -> refusal.getKey() + " kept the connection open without"
                        + " carrying the next request: " + answer + "\n---\n" + carried);
            }
        }
    }

    @Test
    void noDirectoryListingAndUnknownPathsAre404WhateverTheMethod() {
        // "/" itself is the demo page (SiteIT); every other path no servlet serves is a JSON 404
        for (String path : List.of("/dev/", "/META-INF/", "/WEB-INF/", "/WEB-INF/web.xml", "/WEB-INF/demo/demo.js",
                "/jetty-dir.css", "/nothing", "/index.html", "/demo/", "/demo/index.html", "/auth/", "/auth/nothing")) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
                Http.Response r = Http.send(method, server.url(path), method.equals("GET") ? null : "", Map.of());
                assertNotEquals(200, r.status(), () -> method + " " + path + ": " + r);
                assertFalse(r.body().contains("<"), () -> "no HTML, no listing: " + method + " " + path + ": " + r);
                if (!path.startsWith("/WEB-INF") && !path.startsWith("/META-INF") && !path.startsWith("/dev")) {
                    assertJsonError(r, 404);
                }
            }
        }
    }

    @Test
    void every405CarriesAllow() {
        Map<String, String> endpoints = Map.of("/auth/login", "POST", "/auth/refresh", "POST", "/auth/logout", "POST",
                "/auth/logout-all", "POST");
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
                Http.Response r = Http.send(method, server.url(endpoint.getKey()), method.equals("GET") ? null : "", Map.of());
                assertJsonError(r, 405);
                assertEquals(endpoint.getValue(), r.header("Allow").orElse(null), r::toString);
            }
        }
        String access = login("frank").text("access_token");
        Http.Response r = Http.send("DELETE", server.url("/api/me"), "", bearer(access));
        assertJsonError(r, 405);
        assertTrue(r.header("Allow").orElse("").contains("GET"), r::toString);
    }

    @Test
    void containerErrorsHaveTheSameShape() throws IOException {
        Http.Response large = get(server.url("/api/me"), Map.of("X-Padding", "p".repeat(20 * 1024)));
        assertJsonError(large, 431);
        String badUri = raw("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", false);
        assertTrue(badUri.startsWith("HTTP/1.1 400"), badUri);
        assertTrue(badUri.contains("{\"error\":"), badUri);
        assertTrue(badUri.toLowerCase(Locale.ROOT).contains("cache-control: no-store"), badUri);
    }

    private static Socket socket() throws IOException {
        URI base = URI.create(server.url("/"));
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /**
     * Reads one answer: its headers and its {@code Content-Length} bytes of body, or, if the server closed the
     * connection first, what it had sent until then (nothing, usually).
     */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(headers);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    /** Sends {@code request} as bytes on a new connection and reads the answer until the server closes it. */
    private static String raw(String request, boolean halfClose) throws IOException {
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
