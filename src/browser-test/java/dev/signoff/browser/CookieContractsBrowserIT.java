package dev.signoff.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import dev.signoff.it.SignoffServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each cookie contract (and the default mapping) in a real browser, over HTTP and HTTPS at once: after a login
 * the browser's jar holds exactly the documented cookies with the documented {@code Path}, {@code SameSite} and
 * {@code HttpOnly}, {@code Secure} exactly over HTTPS; after the logout none of them is left. The requests are the
 * page's own same-origin {@code fetch} calls, so what is kept is what Chromium decided to keep.
 */
class CookieContractsBrowserIT {

    private static final String PASSWORD_ENV = "SIGNOFF_TEST_KEYSTORE_PASSWORD";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static String password;
    private static Chromium chromium;

    /** A documented cookie: name, Path, SameSite. */
    private record Expected(String name, String path, SameSiteAttribute sameSite) {
    }

    /** A mapping's login and logout, and the cookies a login leaves in the jar. */
    private record Contract(String login, String logout, boolean logoutWithBearer, List<Expected> cookies) {
    }

    private static final Map<String, Contract> CONTRACTS = Map.of(
            "default", new Contract("/auth/login", "/auth/logout", false, List.of(
                    new Expected("signoff_access", "/", SameSiteAttribute.LAX),
                    new Expected("signoff_refresh", "/auth", SameSiteAttribute.STRICT))),
            "jwt-cookie", new Contract("/api/v1/user/login", "/api/v1/user/logout", false, List.of(
                    new Expected("token", "/", SameSiteAttribute.LAX),
                    new Expected("refreshToken", "/api/v1/user", SameSiteAttribute.STRICT))),
            "refresh-cookie", new Contract("/auth/login", "/auth/logout", false, List.of(
                    new Expected("accessToken", "/", SameSiteAttribute.LAX),
                    new Expected("refreshToken", "/", SameSiteAttribute.STRICT))),
            "bearer-refresh", new Contract("/api/login", "/api/logout", true, List.of(
                    new Expected("refreshToken", "/api", SameSiteAttribute.STRICT))),
            "session-cookie", new Contract("/api/auth/login", "/api/auth/logout", false, List.of(
                    new Expected("auth_session", "/", SameSiteAttribute.LAX))),
            "http-session", new Contract("/auth/login", "/auth/logout", false, List.of(
                    new Expected("JSESSIONID", "/", SameSiteAttribute.LAX))));

    @BeforeAll
    static void start() throws Exception {
        password = UUID.randomUUID().toString();
        keystore = dir.resolve("localhost.p12");
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "signoff", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass:env", PASSWORD_ENV)
                .redirectErrorStream(true);
        keytool.environment().put(PASSWORD_ENV, password);
        Process run = keytool.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS) && run.exitValue() == 0, "keytool failed: " + output);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "jwt-cookie", "refresh-cookie", "bearer-refresh", "session-cookie", "http-session"})
    void theJarHoldsTheDocumentedCookiesUntilLogout(String name) throws Exception {
        Contract contract = CONTRACTS.get(name);
        List<String> args = new ArrayList<>(List.of("--db", "jdbc:h2:mem:cookies", "--user", "ada:ada-pw-1815",
                "--https-port", "0", "--keystore", keystore.toString(), "--keystore-password-env", PASSWORD_ENV));
        if (!name.equals("default")) {
            args.addAll(List.of("--contract", name));
        }
        try (SignoffServer server = SignoffServer.start(Map.of(PASSWORD_ENV, password), args.toArray(String[]::new))) {
            for (String base : List.of(server.url(""), server.httpsUrl(""))) {
                boolean https = base.startsWith("https:");
                try (BrowserContext context = chromium.newContext("Signoff cookie test")) {
                    Page page = context.newPage();
                    // a page of the origin for the fetch calls: its JSON 404 (the YAML description would be a download)
                    page.navigate(base + "/nothing");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> login = (Map<String, Object>) Chromium.fetchJson(page, base + contract.login(), "POST",
                            "{\"username\":\"ada\",\"password\":\"ada-pw-1815\"}", Map.of("Content-Type", "application/json"));
                    assertEquals("ada", login.get("user"), () -> name + ": " + login);

                    List<Cookie> jar = context.cookies();
                    for (Expected expected : contract.cookies()) {
                        Cookie cookie = jar.stream().filter(c -> c.name.equals(expected.name())).findFirst()
                                .orElseThrow(() -> new AssertionError(name + " over " + base + ": no " + expected.name() + " in " + names(jar)));
                        assertEquals(expected.path(), cookie.path, () -> name + ": Path of " + expected.name());
                        assertEquals(expected.sameSite(), cookie.sameSite, () -> name + ": SameSite of " + expected.name());
                        assertTrue(cookie.httpOnly, () -> name + ": " + expected.name() + " HttpOnly");
                        assertEquals(https, cookie.secure, () -> name + ": " + expected.name() + " Secure exactly over HTTPS");
                        assertEquals("127.0.0.1", cookie.domain, () -> name + ": host-only");
                    }

                    Map<String, String> headers = contract.logoutWithBearer()
                            ? Map.of("Authorization", "Bearer " + login.get("access_token")) : Map.of();
                    int status = Chromium.fetch(page, base + contract.logout(), "POST", null, headers);
                    assertEquals(200, status, () -> name + ": logout");
                    List<Cookie> after = context.cookies();
                    for (Expected expected : contract.cookies()) {
                        assertFalse(after.stream().anyMatch(c -> c.name.equals(expected.name())),
                                () -> name + " over " + base + ": " + expected.name() + " left after logout: " + names(after));
                    }
                }
            }
        }
    }

    private static List<String> names(List<Cookie> cookies) {
        return cookies.stream().map(c -> c.name + "(" + c.path + ")").toList();
    }
}
