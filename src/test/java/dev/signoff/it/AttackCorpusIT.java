package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.cookie;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.signoff.it.AttackTokens.Attack;
import dev.signoff.it.AttackTokens.Attacker;
import dev.signoff.it.AttackTokens.Signer;
import dev.signoff.it.AttackTokens.Target;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile tokens ({@link AttackTokens}: RFC 8725 and the OWASP JWT cheat sheet) against HS256, RS256 and ES256
 * deployments of the built war, each sent as a Bearer token and as the access cookie, to a protected path, to
 * {@code /auth/logout} and to {@code /auth/logout-all}. Each is refused with a 4xx and a JSON body (401; 400 for an
 * Authorization header outside RFC 6750's syntax), never a 5xx; none ends the victim's login, whose claims every
 * forgery carries; no key server named in a token is ever asked; the war logs no SEVERE line and no stack trace.
 *
 * <p>Every deployment's key is known to the test, so that forgeries wrong in one respect only are signed for
 * real; {@link #theCorpusIsSignedWithKeysTheDeploymentsAccept} shows that those signatures are genuine.
 */
@Tag(TestDatabase.INDEPENDENT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackCorpusIT {

    private static final String VICTIM = "victim";
    private static final String VICTIM_PASSWORD = "victim-pw";
    /** RFC 6750 §2.1 b64token. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$/<>]+\\(.*\\)\\s*$|^Caused by: ");

    private static Path dir;
    private static KeyServer keyServer;
    private static Attacker attacker;
    private static Deployment hs256;
    private static Deployment rs256;
    private static Deployment es256;

    /** One war process with one algorithm, the key it signs with, and the victim's login on it. */
    private static final class Deployment implements AutoCloseable {
        final String alg;
        final String kid;
        final Signer key;
        final JWK publicJwk;
        final TestDatabase db;
        final SignoffServer server;
        String victimToken;

        Deployment(String alg, String kid, Signer key, JWK publicJwk, TestDatabase db, SignoffServer server) {
            this.alg = alg;
            this.kid = kid;
            this.key = key;
            this.publicJwk = publicJwk;
            this.db = db;
            this.server = server;
            this.victimToken = login();
        }

        String login() {
            Http.Response r = post(server.url("/auth/login"), credentials(VICTIM, VICTIM_PASSWORD), json());
            assertEquals(200, r.status(), r::toString);
            return r.text("access_token");
        }

        Target target() {
            return new Target(alg, kid, key, publicKey(), publicJwk == null ? null : publicJwk.toJSONString(), victimToken);
        }

        private java.security.PublicKey publicKey() {
            try {
                return publicJwk == null ? null : publicJwk instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) publicJwk).toPublicKey();
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            Waits.closeAll(server, db);
        }

        @Override
        public String toString() {
            return alg;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("signoff-attack");
        KeyPair attackerRsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        RSAKey attackerRsaJwk = new RSAKeyGenerator(2048).keyID("attacker").generate();
        keyServer = new KeyServer(new JWKSet(attackerRsaJwk.toPublicJWK()).toString());
        attacker = new Attacker(attackerRsa, selfSignedCertificate(), ec.generateKeyPair(), attackerRsaJwk.toPublicJWK().toJSONString(),
                keyServer);

        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rs-1").generate();
        ECKey p256 = new ECKeyGenerator(Curve.P_256).keyID("es-1").generate();
        // one after the other: three wars starting at once on a busy machine may each miss the start-up bound
        hs256 = deploy("HS256", null, Signer.hmac(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)), null,
                "--set", "signoff.secret=" + Tokens.SECRET);
        rs256 = deploy("RS256", "rs-1", signer(rsa), rsa.toPublicJWK(),
                "--set", "signoff.algorithm=RS256", "--set", "signoff.jwks-file=" + jwks("rs", rsa));
        es256 = deploy("ES256", "es-1", signer(p256), p256.toPublicJWK(),
                "--set", "signoff.algorithm=ES256", "--set", "signoff.jwks-file=" + jwks("es", p256));
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(hs256, rs256, es256, keyServer);
    }

    private static Deployment deploy(String alg, String kid, Signer key, JWK publicJwk, String... settings) {
        TestDatabase db = TestDatabase.create("attack_" + alg.toLowerCase());
        try {
            List<String> args = new ArrayList<>(List.of("--db", db.url(), "--user", VICTIM + ":" + VICTIM_PASSWORD));
            args.addAll(List.of(settings));
            return new Deployment(alg, kid, key, publicJwk, db, SignoffServer.start(args.toArray(String[]::new)));
        } catch (Exception e) {
            db.close();
            throw new IllegalStateException(alg + " deployment did not start", e);
        }
    }

    private static Signer signer(JWK jwk) {
        try {
            return jwk instanceof RSAKey rsa ? Signer.rsa(rsa.toPrivateKey()) : Signer.ec(((ECKey) jwk).toPrivateKey());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(String name, JWK key) {
        try {
            Path file = dir.resolve(name + "-jwks.json");
            Files.writeString(file, new JWKSet(key).toString(false));
            return file.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attacker's RSA certificate for {@code x5c}, made by the JDK's keytool. */
    private static X509Certificate selfSignedCertificate() throws Exception {
        Path store = dir.resolve("attacker.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "attacker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=attacker", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "attacker", "-keypass", "attacker")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "attacker".toCharArray());
        }
        assertTrue(keyStore.getKey("attacker", "attacker".toCharArray()) instanceof PrivateKey);
        return (X509Certificate) keyStore.getCertificate("attacker");
    }

    // ---- the tests

    @Test
    @Order(1)
    void theCorpusIsSignedWithKeysTheDeploymentsAccept() throws Exception {
        for (Deployment d : List.of(hs256, rs256, es256)) {
            String forged = AttackTokens.genuineForgery(d.target(), attacker);
            Http.Response me = get(d.server.url("/api/me"), bearer(forged));
            assertEquals(200, me.status(), d + ": the deployment's header and the victim's claims with its key: " + me);
            assertEquals(VICTIM, me.text("name"));
        }
    }

    @Test
    @Order(2)
    void hs256DeploymentRefusesTheCorpus() throws Exception {
        attack(hs256);
    }

    @Test
    @Order(2)
    void rs256DeploymentRefusesTheCorpus() throws Exception {
        attack(rs256);
    }

    @Test
    @Order(2)
    void es256DeploymentRefusesTheCorpus() throws Exception {
        attack(es256);
    }

    @Test
    @Order(3)
    void malformedAuthorizationHeadersAre400AndEndNoLogin() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Deployment d : List.of(hs256, rs256, es256)) {
            List<List<String>> headers = List.of(List.of("Bearer"), List.of("Bearer "), List.of("Bearer  "), List.of("Bearer a b"),
                    List.of("Bearer " + d.victimToken + " " + d.victimToken), List.of("Bearer \"" + d.victimToken + "\""),
                    List.of("Bearer " + d.victimToken + ","), List.of("bearer " + d.victimToken.replace('.', '!')),
                    List.of("Bearer x", "Bearer " + d.victimToken), List.of("Bearer " + d.victimToken, "Bearer " + d.victimToken));
            for (List<String> values : headers) {
                String name = d + " Authorization " + values.size() + "x '" + shorten(values.get(0)) + "'";
                for (String path : new String[] {"/api/me", "/auth/logout", "/auth/logout-all"}) {
                    HttpResponse<String> r = sendWithAuthorization(d.server.url(path), path.equals("/api/me") ? "GET" : "POST", values);
                    check(failures, name + " on " + path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                            r.body(), path.equals("/api/me") ? 400 : logoutRefusal(r.statusCode()));
                    victimStillLoggedIn(failures, d, name + " on " + path);
                }
            }
        }
        assertNoFailures(failures);
    }

    @Test
    @Order(3)
    void aTokenLargerThanTheContainersHeaderLimitIs431WithAJsonBody() {
        List<String> failures = new ArrayList<>();
        for (Deployment d : List.of(hs256, rs256, es256)) {
            String huge = d.victimToken + "A".repeat(20 * 1024);
            for (String path : new String[] {"/api/me", "/auth/logout", "/auth/logout-all"}) {
                String method = path.equals("/api/me") ? "GET" : "POST";
                for (Map<String, String> carrier : List.of(bearer(huge), cookie("signoff_access=" + huge))) {
                    Http.Response r = Http.send(method, d.server.url(path), null, carrier);
                    check(failures, d + " 20 KB token " + carrier.keySet() + " on " + path, r.status(),
                            r.header("Content-Type").orElse(""), r.body(), 431);
                }
                victimStillLoggedIn(failures, d, "20 KB token on " + path);
            }
        }
        assertNoFailures(failures);
    }

    @Test
    @Order(4)
    void noKeyServerNamedInATokenWasAsked() {
        assertEquals(0, keyServer.hits(), "requests to the loopback key server named in jku, x5u and kid");
    }

    @Test
    @Order(5)
    void theWarsLoggedNoSevereLineAndNoStackTrace() {
        for (Deployment d : List.of(hs256, rs256, es256)) {
            List<String> bad = d.server.output().lines()
                    .filter(line -> line.contains("SEVERE") || STACK_FRAME.matcher(line).find()).limit(20).toList();
            assertTrue(bad.isEmpty(), d + " logged:\n" + String.join("\n", bad));
        }
    }

    // ---- sending the corpus

    private static void attack(Deployment d) throws Exception {
        List<Attack> corpus = AttackTokens.corpus(d.target(), attacker);
        assertTrue(corpus.size() >= 60, "corpus of " + corpus.size());
        List<String> failures = new ArrayList<>();
        for (Attack attack : corpus) {
            String name = d + " [" + attack.name() + "]";
            Map<String, String> asBearer = bearer(attack.token());
            Map<String, String> asCookie = cookie("signoff_access=" + attack.token());
            boolean wellFormed = B64TOKEN.matcher(attack.token().strip()).matches();
            check(failures, name + " as Bearer on /api/me", get(d.server.url("/api/me"), asBearer), wellFormed ? 401 : 400);
            check(failures, name + " as cookie on /api/me", get(d.server.url("/api/me"), asCookie), 401);
            if (attack.genuineButExpired()) {
                continue;
            }
            for (String logout : new String[] {"/auth/logout", "/auth/logout-all"}) {
                Http.Response r = post(d.server.url(logout), null, asBearer);
                check(failures, name + " as Bearer on " + logout, r, wellFormed ? 401 : logoutRefusal(r));
                victimStillLoggedIn(failures, d, name + " as Bearer on " + logout);
                check(failures, name + " as cookie on " + logout, post(d.server.url(logout), null, asCookie), 401);
                victimStillLoggedIn(failures, d, name + " as cookie on " + logout);
            }
        }
        System.out.println(d + ": " + corpus.size() + " hostile tokens, each sent 6 times");
        assertNoFailures(failures);
    }

    /**
     * What logout may answer a malformed Authorization header: 400 as the protected paths do, or the 401 it gives
     * every credential that identifies no live login; never anything else.
     */
    private static int logoutRefusal(Http.Response r) {
        return logoutRefusal(r.status());
    }

    private static int logoutRefusal(int status) {
        return status == 400 ? 400 : 401;
    }

    private static void check(List<String> failures, String what, Http.Response r, int expected) {
        check(failures, what, r.status(), r.header("Content-Type").orElse(""), r.body(), expected);
    }

    private static void check(List<String> failures, String what, int status, String contentType, String body, int expected) {
        if (status != expected) {
            failures.add(what + ": " + status + " (expected " + expected + ") " + shorten(body));
        } else if (!contentType.startsWith("application/json") || !body.contains("\"error\"")) {
            failures.add(what + ": " + status + " without a JSON error body: " + contentType + " " + shorten(body));
        }
    }

    /** The victim's genuine token still works; if it does not, the failure is recorded and the victim logs in again. */
    private static void victimStillLoggedIn(List<String> failures, Deployment d, String after) {
        Http.Response me = get(d.server.url("/api/me"), bearer(d.victimToken));
        if (me.status() != 200) {
            failures.add(after + " ended the victim's login (" + me.status() + ")");
            d.victimToken = d.login();
        }
    }

    private static HttpResponse<String> sendWithAuthorization(String url, String method, List<String> values) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        values.forEach(v -> builder.header("Authorization", v));
        HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        OpenApi.check(response);
        return response;
    }

    private static final HttpClient CLIENT = Http.newClient().build();

    private static void assertNoFailures(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
    }

    private static String shorten(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
