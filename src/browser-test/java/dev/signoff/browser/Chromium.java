package dev.signoff.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine's own Chromium ({@code /usr/bin/chromium}, the Debian package, or the system property
 * {@code browser.executable}) driven by Playwright, headless; Playwright never downloads a browser
 * ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}). One per test class.
 */
final class Chromium implements AutoCloseable {

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium() {
        Path executable = Path.of(System.getProperty("browser.executable", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing: apt-get install -y chromium (or -Dbrowser.executable=PATH)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(executable).setArgs(ARGS)
                .setHeadless(true));
    }

    static Chromium launch() {
        return new Chromium();
    }

    /** A fresh browser profile: its own cookie jar, as another device would have. */
    BrowserContext newContext(String userAgent) {
        return browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true).setViewportSize(960, 760)
                .setUserAgent(userAgent));
    }

    /** The cookies of the jar for {@code url}, by name. */
    static Map<String, Cookie> jar(BrowserContext context, String url) {
        Map<String, Cookie> cookies = new java.util.TreeMap<>();
        for (Cookie cookie : context.cookies(url)) {
            cookies.put(cookie.name, cookie);
        }
        return cookies;
    }

    /** Runs {@code fetch(path, init)} in {@code page} and answers the status. */
    static int fetch(Page page, String path, String method, String jsonBody, Map<String, String> headers) {
        Object status = page.evaluate("([path, method, body, headers]) => fetch(path, { method, headers, body: body || undefined,"
                + " credentials: 'same-origin', cache: 'no-store' }).then(r => r.status)",
                List.of(path, method, jsonBody == null ? "" : jsonBody, headers));
        return ((Number) status).intValue();
    }

    /** Runs {@code fetch} and answers the JSON body. */
    static Object fetchJson(Page page, String path, String method, String jsonBody, Map<String, String> headers) {
        return page.evaluate("([path, method, body, headers]) => fetch(path, { method, headers, body: body || undefined,"
                + " credentials: 'same-origin', cache: 'no-store' }).then(r => r.json())",
                List.of(path, method, jsonBody == null ? "" : jsonBody, headers));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
