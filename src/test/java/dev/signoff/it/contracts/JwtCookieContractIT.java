package dev.signoff.it.contracts;

import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.it.Http;
import dev.signoff.it.SetCookie;
import dev.signoff.it.SignoffServer;
import dev.signoff.it.Tokens;
import dev.signoff.it.Waits;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract {@code jwt-cookie} ({@code --contract jwt-cookie}): {@code POST /api/v1/user/logout} always answers 200
 * and clears the HttpOnly {@code token} cookie, with {@code Secure} exactly when the request came over HTTPS. The war
 * serves HTTP and HTTPS at once (a key store made here with the JDK's keytool, for localhost and 127.0.0.1, that this
 * test's client trusts), so each request below says which it uses. The database outage runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwtCookieContractIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String LOGGED_OUT = "{\"success\":true,\"message\":\"Logged out successfully\"}";
    static final String PASSWORD_ENV = "SIGNOFF_TEST_KEYSTORE_PASSWORD";

    @TempDir
    static Path dir;

    private static ContractDatabase db;
    private static SignoffServer server;
    private static HttpClient httpsClient;

    @BeforeAll
    static void start() throws Exception {
        String password = UUID.randomUUID().toString();
        Path keystore = dir.resolve("localhost.p12");
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "signoff", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass:env", PASSWORD_ENV)
                .redirectErrorStream(true);
        keytool.environment().put(PASSWORD_ENV, password);
        Process run = keytool.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS) && run.exitValue() == 0, "keytool failed: " + output);
        httpsClient = trusting(keystore, password);

        db = ContractDatabase.start("contract_jwt_cookie");
        server = db.startWar(Map.of(PASSWORD_ENV, password), "jwt-cookie", "--https-port", "0", "--keystore", keystore.toString(), "--keystore-password-env", PASSWORD_ENV);
    }

    /** A client that trusts the certificate in {@code keystore}, and no other. */
    static HttpClient trusting(Path keystore, String password) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("signoff", server.getCertificate("signoff"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return Http.newClient().sslContext(tls).build();
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, db);
    }

    /** Over HTTP (a developer's http://localhost) or over HTTPS. */
    enum Scheme {
        HTTP, HTTPS;

        String url(String path) {
            return this == HTTP ? server.url(path) : server.httpsUrl(path);
        }

        Http.Response post(String path, String body, Map<String, String> headers) {
            return this == HTTP ? Http.post(url(path), body, headers) : Http.send(httpsClient, "POST", url(path), body, headers);
        }

        Http.Response get(String path, Map<String, String> headers) {
            return this == HTTP ? Http.get(url(path), headers) : Http.send(httpsClient, "GET", url(path), null, headers);
        }

        /** The attributes both cookies share: {@code Secure} exactly over HTTPS. */
        Map<String, String> attributes(String path, String sameSite) {
            Map<String, String> attributes = new HashMap<>(Map.of("Path", path, "HttpOnly", "", "SameSite", sameSite));
            if (this == HTTPS) {
                attributes.put("Secure", "");
            }
            return attributes;
        }

        Map<String, String> token() {
            return attributes("/", "Lax");
        }

        Map<String, String> refresh() {
            return attributes("/api/v1/user", "Strict");
        }
    }

    /** The two cookies a browser holds after login, and the login session. */
    record Login(String token, String refresh, String sid) {

        Map<String, String> cookies() {
            return Map.of("Cookie", "token=" + token + "; refreshToken=" + refresh);
        }
    }

    static Login login(Scheme scheme, String user) {
        Http.Response r = scheme.post("/api/v1/user/login", credentials(user, user + "-pw"), json());
        assertEquals(200, r.status(), r::toString);
        assertEquals(user, r.text("user"));
        Map<String, SetCookie> cookies = SetCookie.exactly(r, "token", "refreshToken");
        String token = cookies.get("token").assertSet(900, scheme.token());
        String refresh = cookies.get("refreshToken").assertSet(14 * 86400, scheme.refresh());
        Http.Response me = me(scheme, token);
        assertEquals(200, me.status(), me::toString);
        assertEquals(user, me.text("name"));
        return new Login(token, refresh, me.text("session"));
    }

    static Http.Response me(Scheme scheme, String token) {
        return scheme.get("/api/v1/user/me", Map.of("Cookie", "token=" + token));
    }

    static Http.Response refresh(Scheme scheme, String refreshToken) {
        return scheme.post("/api/v1/user/refresh", null, Map.of("Cookie", "refreshToken=" + refreshToken));
    }

    /** The seed's client: {@code POST /api/v1/user/logout} from React or Postman, with whatever cookies it holds. */
    static Http.Response logout(Scheme scheme, Map<String, String> cookies) {
        Map<String, String> headers = new LinkedHashMap<>(cookies);
        headers.put("Accept", "application/json, text/plain, */*");
        return scheme.post("/api/v1/user/logout", null, headers);
    }

    static void assertLoggedOut(Scheme scheme, Http.Response logout) throws Exception {
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(JSON.readTree(LOGGED_OUT), logout.json(), logout::toString);
        Map<String, SetCookie> cleared = SetCookie.exactly(logout, "token", "refreshToken");
        cleared.get("token").assertCleared(scheme.token());
        cleared.get("refreshToken").assertCleared(scheme.refresh());
    }

    /** Every copy of the JWT is refused, the refresh token too, and the database has the login ended. */
    static void assertEnded(Login login) throws Exception {
        for (Scheme scheme : Scheme.values()) {
            assertEquals(401, me(scheme, login.token()).status(), "a copy of the JWT is dead over " + scheme);
            assertEquals(401, refresh(scheme, login.refresh()).status());
        }
        assertNotNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", login.sid()));
    }

    @Test
    void loginSetsSecureExactlyOverHttpsAndRefreshKeepsIt() {
        for (Scheme scheme : Scheme.values()) {
            Login login = login(scheme, "alice");
            Http.Response rotated = refresh(scheme, login.refresh());
            assertEquals(200, rotated.status(), rotated::toString);
            Map<String, SetCookie> cookies = SetCookie.exactly(rotated, "token", "refreshToken");
            assertEquals(200, me(scheme, cookies.get("token").assertSet(900, scheme.token())).status());
            cookies.get("refreshToken").assertSet(14 * 86400, scheme.refresh());
        }
        assertEquals(401, Scheme.HTTP.get("/api/v1/user/me", Map.of()).status());
    }

    @Test
    void overHttpOnLocalhostTheLogoutClearsTheTokenWithoutSecureAndKillsTheJwt() throws Exception {
        Login login = login(Scheme.HTTP, "bob");
        assertLoggedOut(Scheme.HTTP, logout(Scheme.HTTP, login.cookies()));
        assertEnded(login);
    }

    @Test
    void overHttpsTheLogoutClearsTheTokenWithSecureAndKillsTheJwt() throws Exception {
        Login login = login(Scheme.HTTPS, "bob");
        assertLoggedOut(Scheme.HTTPS, logout(Scheme.HTTPS, login.cookies()));
        assertEnded(login);
    }

    @Test
    void withoutAValidCredentialTheLogoutStillAnswers200AndClearsTheCookies() throws Exception {
        for (Scheme scheme : Scheme.values()) {
            assertLoggedOut(scheme, logout(scheme, Map.of()));
            assertLoggedOut(scheme, logout(scheme, Map.of("Cookie", "token=null")));
            assertLoggedOut(scheme, logout(scheme, Map.of("Cookie", "token=eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")));
        }
        Login login = login(Scheme.HTTP, "carol");
        assertLoggedOut(Scheme.HTTP, logout(Scheme.HTTP, login.cookies()));
        assertLoggedOut(Scheme.HTTP, logout(Scheme.HTTP, login.cookies()));
    }

    @Test
    void anExpiredJwtOrTheRefreshCookieAloneStillEndsTheLogin() throws Exception {
        Login expiring = login(Scheme.HTTP, "dave");
        Instant past = Instant.now().minusSeconds(3600);
        String expired = Tokens.sign(Tokens.claims("dave", expiring.sid()).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(900))).build());
        assertLoggedOut(Scheme.HTTP, logout(Scheme.HTTP, Map.of("Cookie", "token=" + expired)));
        assertEnded(expiring);

        Login refreshOnly = login(Scheme.HTTPS, "dave");
        assertLoggedOut(Scheme.HTTPS, logout(Scheme.HTTPS, Map.of("Cookie", "refreshToken=" + refreshOnly.refresh())));
        assertEnded(refreshOnly);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheDatabaseIsUnreachableTheLogoutAnswers500AndStillClearsTheCookies() throws Exception {
        Login login = login(Scheme.HTTPS, "alice");
        db.stop();

        Http.Response logout = logout(Scheme.HTTPS, login.cookies());
        assertEquals(500, logout.status(), logout::toString);
        assertEquals(JSON.readTree("{\"success\":false,\"message\":\"Logout could not be completed\"}"), logout.json());
        Map<String, SetCookie> cleared = SetCookie.exactly(logout, "token", "refreshToken");
        cleared.get("token").assertCleared(Scheme.HTTPS.token());
        cleared.get("refreshToken").assertCleared(Scheme.HTTPS.refresh());
        for (Scheme scheme : List.of(Scheme.HTTP, Scheme.HTTPS)) {
            assertEquals(401, me(scheme, login.token()).status(), "this node refuses every copy of the JWT at once anyway");
        }
        assertNull(db.value("SELECT revoked_at FROM signoff_session WHERE id = ?", login.sid()),
                "the database still holds the login as live, which is why the answer is no success");
        assertFalse(logout.json().get("success").booleanValue());
    }
}
