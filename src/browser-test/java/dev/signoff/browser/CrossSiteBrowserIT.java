package dev.signoff.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;
import com.sun.net.httpserver.HttpServer;
import dev.signoff.it.SignoffServer;
import dev.signoff.it.Tokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page of another site on loopback ({@code http://localhost:Q}; the victim is {@code http://127.0.0.1:P}, another
 * site to the browser) opened in the victim's browser: forms that submit themselves to logout, logout-all and login
 * (with the attacker's own credentials, a login CSRF), in frames and at the top level, and {@code no-cors}
 * fetches with credentials. Nothing changes in the victim's cookie jar, and the victim's login lives on.
 */
class CrossSiteBrowserIT {

    private static SignoffServer server;
    private static HttpServer attacker;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        server = SignoffServer.start("--db", "jdbc:h2:mem:crosssite", "--user", "ada:ada-pw-1815", "--user", "mallory:mallory-pw-666",
                "--set", "signoff.secret=" + Tokens.SECRET);
        String victim = server.url("");
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, String> pages = Map.of(
                "/frames", frames(victim), "/login", topLevel(victim + "/auth/login", true), "/logout", topLevel(victim + "/auth/logout", false));
        attacker.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "no such page" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    private static String frames(String victim) {
        return "<!DOCTYPE html><title>win a prize</title>"
                + "<iframe name=a></iframe><iframe name=b></iframe><iframe name=c></iframe>"
                + "<form id=f1 target=a method=POST action='" + victim + "/auth/logout'></form>"
                + "<form id=f2 target=b method=POST action='" + victim + "/auth/login'>"
                + "<input name=username value=mallory><input name=password value=mallory-pw-666></form>"
                + "<form id=f3 target=c method=POST action='" + victim + "/auth/logout-all'></form>"
                + "<script>"
                + "let loaded = 0; for (const f of document.querySelectorAll('iframe')) f.addEventListener('load', () => loaded++);"
                + "f1.submit(); f2.submit(); f3.submit();"
                + "const opts = (body) => ({ method: 'POST', mode: 'no-cors', credentials: 'include', body });"
                + "Promise.allSettled(["
                + " fetch('" + victim + "/auth/logout', opts()),"
                + " fetch('" + victim + "/auth/logout-all', opts()),"
                + " fetch('" + victim + "/auth/refresh', opts()),"
                + " fetch('" + victim + "/auth/login', opts('{\"username\":\"mallory\",\"password\":\"mallory-pw-666\"}')),"
                + " fetch('" + victim + "/auth/login', opts(new URLSearchParams({username: 'mallory', password: 'mallory-pw-666'})))"
                + "]).then(() => { const wait = () => loaded >= 3 ? document.title = 'done' : setTimeout(wait, 20); wait(); });"
                + "</script>";
    }

    private static String topLevel(String action, boolean login) {
        return "<!DOCTYPE html><title>win a prize</title><form id=f method=POST action='" + action + "'>"
                + (login ? "<input name=username value=mallory><input name=password value=mallory-pw-666>" : "")
                + "</form><script>f.submit();</script>";
    }

    @Test
    void anotherSitesFormsAndFetchesChangeNothing() {
        String attackerSite = "http://localhost:" + attacker.getAddress().getPort();
        try (BrowserContext context = chromium.newContext("Signoff victim")) {
            Page victim = context.newPage();
            victim.navigate(server.url("/"));
            victim.fill("#username", "ada");
            victim.fill("#password", "ada-pw-1815");
            victim.click("#signin-button");
            PlaywrightAssertions.assertThat(victim.locator("#me-subject")).hasText("ada");
            Map<String, String> before = values(context);
            assertEquals(List.of("signoff_access", "signoff_refresh"), List.copyOf(before.keySet()));

            Page attack = context.newPage();
            attack.navigate(attackerSite + "/frames");
            attack.waitForFunction("() => document.title === 'done'");
            assertEquals(before, values(context), "the frames and no-cors fetches changed the victim's jar");
            stillLoggedIn(victim);

            attack.navigate(attackerSite + "/login");
            attack.waitForURL(server.url("/auth/login"));
            assertEquals(before, values(context), "a top-level cross-site login changed the victim's jar");
            stillLoggedIn(victim);

            attack.navigate(attackerSite + "/logout");
            attack.waitForURL(server.url("/auth/logout"));
            assertEquals(before, values(context), "a top-level cross-site logout changed the victim's jar");
            stillLoggedIn(victim);
        }
    }

    /** The victim's own page still gets the victim, through the cookies and through the token it kept. */
    private static void stillLoggedIn(Page victim) {
        victim.click("#me-button");
        PlaywrightAssertions.assertThat(victim.locator("#me-subject")).hasText("ada");
        PlaywrightAssertions.assertThat(victim.locator("#report-old-token")).containsText("still accepted");
    }

    private static Map<String, String> values(BrowserContext context) {
        Map<String, String> values = new TreeMap<>();
        for (Cookie cookie : context.cookies(server.url("/auth/refresh"))) {
            values.put(cookie.name, cookie.value);
        }
        return values;
    }
}
