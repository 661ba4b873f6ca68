package dev.signoff.it;

import static dev.signoff.it.Http.cookie;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default mapping's demo page at {@code /} and its files, the cookie view it relies on, and the validator that
 * holds every response of the integration tests to {@code openapi.yaml}: that it refuses what the description does
 * not say.
 */
@Tag(TestDatabase.INDEPENDENT)
class SiteIT {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SignoffServer.start("--db", "jdbc:h2:mem:site", "--user", "ada:ada-pw", "--set", "signoff.secret=" + Tokens.SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server);
    }

    @Test
    void theRootIsTheDemoPageWithAStrictContentSecurityPolicy() {
        Http.Response page = get(server.url("/"), Map.of());
        assertEquals(200, page.status(), page::toString);
        assertEquals("text/html;charset=utf-8", page.header("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        assertEquals(CSP, page.header("Content-Security-Policy").orElse(null));
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(null));
        assertTrue(page.body().contains("<script src=\"demo/demo.js\" defer></script>"), page.body());
        assertTrue(page.body().contains("<link rel=\"stylesheet\" href=\"demo/demo.css\">"), page.body());
        assertFalse(page.body().contains("<script>") || page.body().contains("style="), "no inline script or style");

        Http.Response script = get(server.url("/demo/demo.js"), Map.of());
        assertEquals(200, script.status());
        assertTrue(script.header("Content-Type").orElse("").startsWith("text/javascript"), script::toString);
        assertTrue(script.body().contains("auth/sessions"), "the page lists the sessions");
        Http.Response style = get(server.url("/demo/demo.css"), Map.of());
        assertEquals(200, style.status());
        assertTrue(style.header("Content-Type").orElse("").startsWith("text/css"), style::toString);
    }

    @Test
    void onlyTheRootAndThePagesFilesAreServed() {
        for (String path : List.of("/demo/", "/demo/nothing.js", "/demo/index.html", "/demo/demo.js/x", "/index.html", "/WEB-INF/demo/demo.js")) {
            Http.Response r = get(server.url(path), Map.of());
            assertEquals(404, r.status(), () -> path + ": " + r);
            assertEquals("not_found", r.text("error"), r::toString);
        }
        for (String method : List.of("POST", "PUT", "DELETE")) {
            Http.Response r = Http.send(method, server.url("/"), "", Map.of());
            assertEquals(405, r.status(), r::toString);
            assertEquals("GET, HEAD", r.header("Allow").orElse(null));
        }
    }

    @Test
    void theCookieViewNamesTheCookiesAndNeverShowsAValue() throws Exception {
        Http.Response login = post(server.url("/auth/login"), credentials("ada", "ada-pw"), json());
        assertEquals(200, login.status(), login::toString);
        String access = login.cookieValue("signoff_access");
        String refresh = login.cookieValue("signoff_refresh");
        Http.Response view = get(server.url("/auth/demo/cookies"),
                cookie("signoff_access=" + access + "; signoff_refresh=" + refresh));
        assertEquals(200, view.status(), view::toString);
        JsonNode cookies = view.json().get("cookies");
        assertEquals(2, cookies.size(), view::toString);
        assertEquals("signoff_access", cookies.get(0).get("name").asText());
        assertEquals(fingerprint(access), cookies.get(0).get("fingerprint").asText());
        assertEquals("signoff_refresh", cookies.get(1).get("name").asText());
        assertEquals(fingerprint(refresh), cookies.get(1).get("fingerprint").asText());
        assertFalse(view.body().contains(access) || view.body().contains(refresh), view::toString);
        assertEquals(0, get(server.url("/auth/demo/cookies"), Map.of()).json().get("cookies").size());
    }

    @Test
    void theServedDescriptionIsTheOneInTheRepositoryAndTheValidatorRefusesWhatItDoesNotSay() {
        OpenApi description = server.description();
        assertEquals(OpenApiIT.repositoryDescription("default"), description.text());
        Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"), "Cache-Control", List.of("no-store"));
        // what the description says passes
        description.validate("GET", "/nothing", 404, json, "{\"error\":\"not_found\",\"message\":\"No such resource\"}");
        description.validate("GET", "/api/me", 200, json, "{\"name\":\"ada\",\"roles\":[\"user\"],\"session\":\"s\"}");
        // and each kind of drift fails
        assertRefused(description, "POST", "/auth/login", 418, json, "{\"error\":\"x\",\"message\":\"y\"}", "undocumented status");
        assertRefused(description, "GET", "/nothing", 200, json, "{}", "undocumented path");
        assertRefused(description, "DELETE", "/auth/login", 200, json, "{}", "undocumented method");
        assertRefused(description, "GET", "/api/me", 200, json, "{\"name\":\"ada\",\"extra\":1}", "body");
        assertRefused(description, "GET", "/api/me", 200, Map.of("Content-Type", List.of("application/json")),
                "{\"name\":\"ada\"}", "required header Cache-Control missing");
        assertRefused(description, "GET", "/api/me", 401, json, "{\"error\":\"unauthorized\",\"message\":\"m\"}",
                "required header WWW-Authenticate missing");
        assertRefused(description, "POST", "/auth/login", 200,
                Map.of("Content-Type", List.of("application/json"), "Cache-Control", List.of("no-store"),
                        "Set-Cookie", List.of("signoff_access=abc; Path=/")),
                "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":900,\"refresh_token\":\"r\",\"user\":\"ada\"}",
                "header Set-Cookie");
        assertRefused(description, "POST", "/auth/login", 405, json, "{\"error\":\"method_not_allowed\",\"message\":\"m\"}",
                "undocumented status");
    }

    private static void assertRefused(OpenApi description, String method, String path, int status, Map<String, List<String>> headers,
                                      String body, String expected) {
        AssertionError e = assertThrows(AssertionError.class, () -> description.validate(method, path, status, headers, body));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    private static String fingerprint(String value) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 4);
    }
}
