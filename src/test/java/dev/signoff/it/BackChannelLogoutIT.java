package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.signoff.Signoff;
import dev.signoff.SignoffSettings;
import dev.signoff.config.ConfigSource;
import dev.signoff.login.IssuedTokens;
import dev.signoff.store.ProviderLogin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect Back-Channel Logout from an OpenID Provider played by the test: its own RSA key, its JWK set served
 * on loopback by a tiny HTTP server, its logout tokens signed here. Two war nodes share one database; the
 * application's logins are made through the Java API ({@code Signoff.login} with a {@link ProviderLogin}), in this
 * JVM, on the same database, as an application that logs its users in at the provider would. A logout token sent to
 * one node ends the logins it names there at once and on the other node within the sync bound; every malformed,
 * replayed or foreign token is refused with 400 and ends nothing. The two nodes also show an RFC 7009 revocation
 * reaching the other node.
 */
class BackChannelLogoutIT {

    private static final String ISSUER = "https://op.example.test/realms/signoff";
    private static final String CLIENT_ID = "signoff-app";
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final String KID = "op-key-1";
    private static final long SYNC_MS = 200;
    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    private static RSAKey opKey;
    private static KeyServer jwks;
    private static TestDatabase db;
    private static SignoffServer a;
    private static SignoffServer b;
    private static Signoff application;

    @BeforeAll
    static void start() throws Exception {
        opKey = new RSAKeyGenerator(2048).keyID(KID).generate();
        jwks = new KeyServer(new JWKSet(opKey.toPublicJWK()).toString());
        db = TestDatabase.createServed("backchannel");
        // one after the other: two nodes creating the schema of an empty PostgreSQL database at once collide
        a = node();
        b = node();
        // the application only logs users in: it need not follow the nodes' revocations often
        Map<String, String> params = Map.of("signoff.db.url", db.url(), "signoff.secret", Tokens.SECRET, "signoff.purge.interval", "0s",
                "signoff.revocation.sync-interval", "1h");
        application = Signoff.start(SignoffSettings.parse(ConfigSource.of("context", Map.of(), params)), Clock.systemUTC());
    }

    private static SignoffServer node() throws Exception {
        return SignoffServer.start("--db", db.url(), "--user", "op-user-2:pw", "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", "signoff.revocation.sync-interval=" + SYNC_MS + "ms", "--set", "signoff.purge.interval=0s",
                "--set", "signoff.oidc.issuer=" + ISSUER, "--set", "signoff.oidc.client-id=" + CLIENT_ID,
                "--set", "signoff.oidc.jwks-url=" + jwks.url("/protocol/openid-connect/certs"));
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(application, a, b, db, jwks);
    }

    /** A login the application made for a user who logged in at the provider with session {@code sid}. */
    private static IssuedTokens login(String sub, String sid) {
        return application.login(sub, List.of("user"), "test", "127.0.0.1", new ProviderLogin(ISSUER, sub, sid));
    }

    private static int status(SignoffServer node, String accessToken) {
        return get(node.url("/api/me"), bearer(accessToken)).status();
    }

    private static JWTClaimsSet.Builder claims(String sub, String sid) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(CLIENT_ID, "another-client"))
                .issueTime(new Date()).jwtID(UUID.randomUUID().toString()).claim("events", Map.of(EVENT, Map.of()));
        if (sub != null) {
            claims.subject(sub);
        }
        if (sid != null) {
            claims.claim("sid", sid);
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.RS256, opKey, h -> h);
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, Object key, UnaryOperator<JWSHeader.Builder> header) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new MACSigner((byte[]) key);
            SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(algorithm).keyID(KID)
                    .type(new JOSEObjectType("logout+jwt"))).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Http.Response send(SignoffServer node, String logoutToken) {
        return post(node.url("/auth/backchannel-logout"), "logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8), FORM);
    }

    private static void accepted(SignoffServer node, String logoutToken) {
        Http.Response r = send(node, logoutToken);
        assertEquals(200, r.status(), r::toString);
        assertEquals("", r.body());
        assertEquals("no-store", r.header("Cache-Control").orElseThrow());
    }

    private static void refusedOnOtherNode(SignoffServer node, String accessToken) throws InterruptedException {
        Waits.until("the token refused on " + node.url("/"), () -> status(node, accessToken) == 401);
    }

    @Test
    void bySidOnlyThatLoginEndsOnBothNodes() throws Exception {
        IssuedTokens ended = login("op-user-1", "sid-1a");
        IssuedTokens kept = login("op-user-1", "sid-1b");
        assertEquals(200, status(a, ended.accessToken()));
        assertEquals(200, status(b, ended.accessToken()));

        accepted(a, sign(claims(null, "sid-1a").build()));
        assertEquals(401, status(a, ended.accessToken()), "refused at once on the node that received the logout");
        refusedOnOtherNode(b, ended.accessToken());
        assertEquals(401, post(a.url("/auth/refresh"), "{\"refresh_token\":\"" + ended.refreshToken() + "\"}", json()).status(),
                "its refresh token is ended in the database");
        for (SignoffServer node : new SignoffServer[] {a, b}) {
            assertEquals(200, status(node, kept.accessToken()), "the user's other login lives on");
        }
    }

    @Test
    void bySubEveryLoginOfTheUserEndsOnBothNodes() throws Exception {
        IssuedTokens first = login("op-user-2", "sid-2a");
        IssuedTokens second = login("op-user-2", "sid-2b");
        IssuedTokens other = login("op-user-3", "sid-3a");
        Http.Response realm = post(a.url("/auth/login"), credentials("op-user-2", "pw"), json());
        assertEquals(200, realm.status(), realm::toString);

        accepted(b, sign(claims("op-user-2", null).build()));
        for (String token : new String[] {first.accessToken(), second.accessToken(), realm.text("access_token")}) {
            assertEquals(401, status(b, token), "refused at once on the node that received the logout");
            refusedOnOtherNode(a, token);
        }
        assertEquals(200, status(a, other.accessToken()), "another user's login lives on");
        assertEquals(200, status(b, other.accessToken()), "another user's login lives on");
    }

    @Test
    void aTokenNamingNoLoginIsProcessedAndAReplayIsRefusedOnEveryNode() {
        IssuedTokens kept = login("op-user-4", "sid-4a");
        String token = sign(claims("op-user-4", "sid-of-another-device").build());
        accepted(a, token);
        for (SignoffServer node : new SignoffServer[] {a, b}) {
            Http.Response replay = send(node, token);
            assertEquals(400, replay.status(), replay::toString);
            assertEquals("{\"error\":\"invalid_request\"}", replay.body());
            assertEquals(200, status(node, kept.accessToken()));
        }
    }

    @Test
    void everyBadLogoutTokenIsRefusedWith400AndEndsNothing() throws Exception {
        IssuedTokens kept = login("op-user-5", "sid-5a");
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(KID).generate();
        Instant tenMinutesAgo = Instant.now().minusSeconds(600);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("wrong aud", sign(claims("op-user-5", "sid-5a").audience("someone-else").build()));
        bad.put("wrong iss", sign(claims("op-user-5", "sid-5a").issuer("https://evil.example.test").build()));
        bad.put("no events", sign(claims("op-user-5", "sid-5a").claim("events", null).build()));
        bad.put("events without the logout event", sign(claims("op-user-5", "sid-5a")
                .claim("events", Map.of("http://schemas.openid.net/event/other", Map.of())).build()));
        bad.put("a nonce", sign(claims("op-user-5", "sid-5a").claim("nonce", "n-0S6_WzA2Mj").build()));
        bad.put("an expired iat", sign(claims("op-user-5", "sid-5a").issueTime(Date.from(tenMinutesAgo)).build()));
        bad.put("an iat in the future", sign(claims("op-user-5", "sid-5a").issueTime(Date.from(Instant.now().plusSeconds(600))).build()));
        bad.put("no jti", sign(claims("op-user-5", "sid-5a").jwtID(null).build()));
        bad.put("neither sub nor sid", sign(claims(null, null).build()));
        bad.put("a foreign key", sign(claims("op-user-5", "sid-5a").build(), JWSAlgorithm.RS256, foreign, h -> h));
        bad.put("a foreign key of another kid", sign(claims("op-user-5", "sid-5a").build(), JWSAlgorithm.RS256, foreign,
                h -> h.keyID("unknown-kid")));
        bad.put("HMAC with the provider's public modulus as secret", sign(claims("op-user-5", "sid-5a").build(), JWSAlgorithm.HS256,
                opKey.getModulus().decode(), h -> h));
        bad.put("HMAC with Signoff's own secret", sign(claims("op-user-5", "sid-5a").build(), JWSAlgorithm.HS256,
                Tokens.SECRET.getBytes(StandardCharsets.UTF_8), h -> h));
        bad.put("unsigned", new PlainJWT(claims("op-user-5", "sid-5a").build()).serialize());
        bad.put("an access token's typ", sign(claims("op-user-5", "sid-5a").build(), JWSAlgorithm.RS256, opKey,
                h -> h.type(new JOSEObjectType("at+jwt"))));
        bad.put("garbage", "garbage");
        bad.put("empty", "");

        for (Map.Entry<String, String> token : bad.entrySet()) {
            Http.Response r = send(a, token.getValue());
            assertEquals(400, r.status(), token.getKey() + ": " + r);
            assertEquals("{\"error\":\"invalid_request\"}", r.body(), token.getKey());
            assertEquals("no-store", r.header("Cache-Control").orElseThrow(), token.getKey());
        }
        Http.Response none = post(a.url("/auth/backchannel-logout"), "", FORM);
        assertEquals(400, none.status(), none::toString);
        Thread.sleep(3 * SYNC_MS);
        for (SignoffServer node : new SignoffServer[] {a, b}) {
            assertEquals(200, status(node, kept.accessToken()), "nothing was ended");
        }
        assertFalse(a.output().contains(bad.get("wrong aud")), "a logout token never reaches the log");
        accepted(a, sign(claims("op-user-5", "sid-5a").build()));
        assertEquals(401, status(a, kept.accessToken()), "a good token for the same login does end it: the refusals were the tokens'");
    }

    /** RFC 7009 revocation on one node reaches the other through the database, as a logout does (two nodes are here). */
    @Test
    void aTokenRevokedOnOneNodeIsRefusedOnTheOther() throws Exception {
        IssuedTokens login = login("op-user-6", "sid-6a");
        assertEquals(200, status(b, login.accessToken()));
        Http.Response access = post(a.url("/auth/revoke"), "token=" + login.accessToken() + "&token_type_hint=access_token", FORM);
        assertEquals(200, access.status(), access::toString);
        assertEquals(401, status(a, login.accessToken()), "refused at once where it was revoked");
        refusedOnOtherNode(b, login.accessToken());

        IssuedTokens other = login("op-user-6", "sid-6b");
        Http.Response refresh = post(b.url("/auth/revoke"), "token=" + other.refreshToken(), FORM);
        assertEquals(200, refresh.status(), refresh::toString);
        refusedOnOtherNode(a, other.accessToken());
        assertEquals(401, post(a.url("/auth/refresh"), "{\"refresh_token\":\"" + other.refreshToken() + "\"}", json()).status(),
                "the session of the refresh token revoked on the other node is over");
    }

    @Test
    void introspectionIsOffWhereItIsNotConfigured() {
        Http.Response metadata = get(a.url("/.well-known/oauth-authorization-server"), Map.of());
        assertEquals(200, metadata.status(), metadata::toString);
        assertTrue(metadata.json().path("introspection_endpoint").isMissingNode(), metadata::toString);
        assertEquals(a.url("/auth/revoke"), metadata.text("revocation_endpoint"));
        Http.Response introspect = post(a.url("/auth/introspect"), "token=x", FORM);
        assertEquals(404, introspect.status(), introspect::toString);
    }
}
