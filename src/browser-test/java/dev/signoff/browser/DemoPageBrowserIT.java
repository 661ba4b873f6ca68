package dev.signoff.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.microsoft.playwright.options.ScreenshotScale;
import dev.signoff.it.SignoffServer;
import dev.signoff.it.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The demo page at {@code /} of the default mapping, end to end in a real browser: sign in through the form, the
 * cookies the browser keeps (and their attributes, as the browser decided them), two devices' sessions with one
 * ended from the other, log out with the jar emptied and the old token and cookies refused, two tabs refreshing at
 * the same moment. Makes the README's screenshots ({@code browser.screenshots}).
 */
class DemoPageBrowserIT {

    /** The tag of the test that needs the session list endpoints. */
    static final String SESSIONS = "sessions-endpoint";

    private static SignoffServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        server = SignoffServer.start("--db", "jdbc:h2:mem:demo", "--user", "ada:ada-pw-1815", "--set", "signoff.secret=" + Tokens.SECRET);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Page signIn(BrowserContext context) {
        Page page = context.newPage();
        page.navigate(server.url("/"));
        page.fill("#username", "ada");
        page.fill("#password", "ada-pw-1815");
        page.click("#signin-button");
        PlaywrightAssertions.assertThat(page.locator("#me-subject")).hasText("ada");
        return page;
    }

    @Test
    void signInLogOutAndTheOldTokenAndCookiesAreRefused() throws Exception {
        try (BrowserContext context = chromium.newContext("Signoff demo laptop")) {
            Page page = signIn(context);
            PlaywrightAssertions.assertThat(page.locator("#report-answer")).hasText(Pattern.compile("^HTTP 200"));
            PlaywrightAssertions.assertThat(page.locator("#me-roles")).hasText("user");
            PlaywrightAssertions.assertThat(page.locator("#report-cookies li[data-cookie=signoff_access]")).hasCount(1);
            PlaywrightAssertions.assertThat(page.locator("#report-cookies li[data-cookie=signoff_refresh]")).hasCount(1);
            PlaywrightAssertions.assertThat(page.locator("#report-old-token")).hasText(Pattern.compile("still accepted"));

            Map<String, Cookie> jar = Chromium.jar(context, server.url("/auth/refresh"));
            Cookie access = jar.get("signoff_access");
            Cookie refresh = jar.get("signoff_refresh");
            assertTrue(access.httpOnly && !access.secure, "HttpOnly, not Secure over HTTP");
            assertEquals(SameSiteAttribute.LAX, access.sameSite);
            assertEquals("/", access.path);
            assertTrue(refresh.httpOnly && !refresh.secure);
            assertEquals(SameSiteAttribute.STRICT, refresh.sameSite);
            assertEquals("/auth", refresh.path);
            assertEquals(List.of(), context.cookies(server.url("/")).stream().filter(c -> c.name.equals("signoff_refresh")).toList(),
                    "the refresh cookie goes to /auth only");
            screenshot(page, "demo-signed-in.png");

            page.click("#logout-button");
            PlaywrightAssertions.assertThat(page.locator("#report-action")).hasText(Pattern.compile("^Logged out"));
            PlaywrightAssertions.assertThat(page.locator("#report-answer")).hasText(Pattern.compile("^HTTP 200"));
            PlaywrightAssertions.assertThat(page.locator("#no-cookies")).hasCount(1);
            PlaywrightAssertions.assertThat(page.locator("#report-old-token")).hasText(Pattern.compile("→ 401, refused"));
            Map<String, Cookie> after = Chromium.jar(context, server.url("/auth/refresh"));
            assertFalse(after.containsKey("signoff_access") || after.containsKey("signoff_refresh") || after.containsKey("JSESSIONID"),
                    "the jar holds no Signoff cookie after logout: " + after.keySet());
            screenshot(page, "demo-after-logout.png");

            // the old cookie values put back into the jar are refused
            context.addCookies(List.of(new Cookie("signoff_access", access.value).setUrl(server.url("/")),
                    new Cookie("signoff_refresh", refresh.value).setDomain("127.0.0.1").setPath("/auth")));
            assertEquals(401, Chromium.fetch(page, "api/me", "GET", null, Map.of()));
            assertEquals(401, Chromium.fetch(page, "auth/refresh", "POST", null, Map.of()));
            page.click("#me-button");
            PlaywrightAssertions.assertThat(page.locator("#me-subject")).hasText("not signed in (HTTP 401)");
        }
    }

    /**
     * Two browser contexts are two devices: each sees both sessions, and ending the other one from the page refuses
     * its tokens there at once. Needs {@code GET /auth/sessions} and {@code POST /auth/sessions/{id}/logout} (tag
     * {@value #SESSIONS}, left out with {@code -Dbrowser.excludedGroups=sessions-endpoint} where they are not built).
     */
    @Test
    @Tag(SESSIONS)
    void twoDevicesSeeTwoSessionsAndOneEndsTheOther() throws Exception {
        try (BrowserContext laptop = chromium.newContext("Signoff demo laptop");
             BrowserContext phone = chromium.newContext("Signoff demo phone")) {
            Page mine = signIn(laptop);
            Page other = signIn(phone);
            mine.click("#sessions-button");
            Locator rows = mine.locator("#sessions-body tr");
            PlaywrightAssertions.assertThat(rows).hasCount(2);
            PlaywrightAssertions.assertThat(mine.locator("#sessions-body tr.current")).hasCount(1);
            PlaywrightAssertions.assertThat(mine.locator("#sessions-body tr:not(.current) td").nth(1)).hasText("Signoff demo phone");
            PlaywrightAssertions.assertThat(mine.locator("#sessions-body tr.current td").nth(1)).hasText("Signoff demo laptop");
            PlaywrightAssertions.assertThat(mine.locator("#sessions-body tr.current td").nth(2)).hasText("127.0.0.1");
            screenshot(mine, "demo-sessions.png");

            mine.locator("#sessions-body tr:not(.current) button.end").click();
            PlaywrightAssertions.assertThat(mine.locator("#report-answer")).hasText(Pattern.compile("^HTTP 200"));
            PlaywrightAssertions.assertThat(rows).hasCount(1);
            // refused on the other device at once: its access cookie, its refresh cookie
            other.click("#me-button");
            PlaywrightAssertions.assertThat(other.locator("#me-subject")).hasText("not signed in (HTTP 401)");
            assertEquals(401, Chromium.fetch(other, "auth/refresh", "POST", null, Map.of()));
            // and this device is still signed in
            mine.click("#me-button");
            PlaywrightAssertions.assertThat(mine.locator("#me-subject")).hasText("ada");
            mine.click("#logout-button");
        }
    }

    @Test
    void twoTabsRefreshingAtTheSameMomentBothStayLoggedIn() {
        try (BrowserContext context = chromium.newContext("Signoff demo tabs")) {
            Page first = signIn(context);
            Page second = context.newPage();
            second.navigate(server.url("/"));
            String before = Chromium.jar(context, server.url("/auth/refresh")).get("signoff_refresh").value;
            // both tabs click "Refresh" at the same instant, scheduled in each page on the shared clock
            double at = ((Number) first.evaluate("() => Date.now() + 400")).doubleValue();
            for (Page tab : List.of(first, second)) {
                tab.evaluate("at => { setTimeout(() => document.getElementById('refresh-button').click(), at - Date.now()); }", at);
            }
            for (Page tab : List.of(first, second)) {
                PlaywrightAssertions.assertThat(tab.locator("#report-action")).hasText(Pattern.compile("^Refreshed"));
                PlaywrightAssertions.assertThat(tab.locator("#report-answer")).hasText(Pattern.compile("^HTTP 200"));
            }
            assertNotEquals(before, Chromium.jar(context, server.url("/auth/refresh")).get("signoff_refresh").value, "rotated");
            for (Page tab : List.of(first, second)) {
                tab.click("#me-button");
                PlaywrightAssertions.assertThat(tab.locator("#me-subject")).hasText("ada");
                assertEquals(200, Chromium.fetch(tab, "auth/refresh", "POST", null, Map.of()), "the login lives on in each tab");
            }
            first.click("#logout-button");
        }
    }

    /** A PNG of the page as it is, for the README (written to {@code browser.screenshots}, copied to docs/ by hand). */
    private static void screenshot(Page page, String name) throws Exception {
        Path dir = Path.of(System.getProperty("browser.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true).setScale(ScreenshotScale.CSS));
    }
}
