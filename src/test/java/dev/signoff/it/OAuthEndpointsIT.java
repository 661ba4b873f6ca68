package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 8414 metadata, RFC 7009 revocation and RFC 7662 introspection over HTTP against the built war. One node whose
 * database is reached through a {@link TcpRelay}, so that introspecting access tokens is shown to send nothing to the
 * database, counted on the wire.
 */
@Tag(TestDatabase.INDEPENDENT)
class OAuthEndpointsIT {

    private static final String CLIENT = "resource-server";
    private static final String CLIENT_SECRET = "rs-secret-0123456789-abcdef";
    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    private static TestDatabase db;
    private static TcpRelay relay;
    private static SignoffServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.createServed("oauth");
        relay = new TcpRelay(db.port());
        server = SignoffServer.start(Map.of("RS_SECRET", CLIENT_SECRET), "--db", db.urlThrough(relay.port()),
                "--user", "ina:ina-pw", "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", "signoff.introspection.client-id=" + CLIENT, "--set", "signoff.introspection.client-secret-env=RS_SECRET",
                "--set", "signoff.revocation.sync-interval=1h", "--set", "signoff.purge.interval=0s");
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.closeAll(server, relay, db);
    }

    private static Http.Response login() {
        Http.Response r = post(server.url("/auth/login"), credentials("ina", "ina-pw"), json());
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static Map<String, String> basic(String id, String secret) {
        Map<String, String> headers = new HashMap<>(FORM);
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static JsonNode introspect(String token) {
        Http.Response r = post(server.url("/auth/introspect"), form("token", token), basic(CLIENT, CLIENT_SECRET));
        assertEquals(200, r.status(), r::toString);
        assertEquals("no-store", r.header("Cache-Control").orElseThrow());
        return r.json();
    }

    private static Http.Response revoke(String... pairs) {
        return post(server.url("/auth/revoke"), form(pairs), FORM);
    }

    private static int refresh(String refreshToken) {
        return post(server.url("/auth/refresh"), form("grant_type", "refresh_token", "refresh_token", refreshToken), FORM).status();
    }

    @Test
    void theMetadataNamesTheIssuerAndEndpointsThatResolveOnThisOrigin() {
        Http.Response r = get(server.url("/.well-known/oauth-authorization-server"), Map.of());
        assertEquals(200, r.status(), r::toString);
        JsonNode metadata = r.json();
        assertEquals("signoff", metadata.path("issuer").asText());
        String origin = server.url("");
        assertEquals(origin + "/.well-known/jwks.json", metadata.path("jwks_uri").asText());
        assertEquals(origin + "/auth/refresh", metadata.path("token_endpoint").asText());
        assertEquals(origin + "/auth/revoke", metadata.path("revocation_endpoint").asText());
        assertEquals(origin + "/auth/introspect", metadata.path("introspection_endpoint").asText());
        for (String name : new String[] {"jwks_uri", "token_endpoint", "revocation_endpoint", "introspection_endpoint"}) {
            assertTrue(URI.create(metadata.path(name).asText()).isAbsolute(), name);
        }

        Http.Response jwks = get(metadata.path("jwks_uri").asText(), Map.of());
        assertEquals(200, jwks.status(), "jwks_uri serves the JWK set: " + jwks);
        assertTrue(jwks.json().path("keys").isArray(), jwks::toString);

        Http.Response login = login();
        assertEquals(200, post(metadata.path("token_endpoint").asText(),
                form("grant_type", "refresh_token", "refresh_token", login.text("refresh_token")), FORM).status(), "token_endpoint refreshes");
        assertEquals(200, post(metadata.path("revocation_endpoint").asText(), form("token", login.text("access_token")), FORM).status(),
                "revocation_endpoint revokes");
        assertFalse(post(metadata.path("introspection_endpoint").asText(), form("token", login.text("access_token")),
                basic(CLIENT, CLIENT_SECRET)).json().path("active").asBoolean(true), "introspection_endpoint tells the token revoked");
    }

    @Test
    void revokingAnAccessTokenRefusesItWhileItsSessionLivesOn() {
        Http.Response login = login();
        String access = login.text("access_token");
        assertEquals(200, get(server.url("/api/me"), bearer(access)).status());
        Http.Response r = revoke("token", access, "token_type_hint", "access_token");
        assertEquals(200, r.status(), r::toString);
        assertEquals("", r.body());
        assertEquals("no-store", r.header("Cache-Control").orElseThrow());
        assertEquals(401, get(server.url("/api/me"), bearer(access)).status(), "refused at once");
        assertEquals(200, refresh(login.text("refresh_token")), "the session lives on");
    }

    @Test
    void revokingARefreshTokenEndsItsSessionWhateverTheHint() {
        for (String hint : new String[] {"refresh_token", "access_token", null}) {
            Http.Response login = login();
            Http.Response r = hint == null ? revoke("token", login.text("refresh_token"))
                    : revoke("token", login.text("refresh_token"), "token_type_hint", hint);
            assertEquals(200, r.status(), r::toString);
            assertEquals("", r.body());
            assertEquals(401, refresh(login.text("refresh_token")), "hint " + hint + ": the refresh token is ended");
            assertEquals(401, get(server.url("/api/me"), bearer(login.text("access_token"))).status(),
                    "hint " + hint + ": so are the session's access tokens");
        }
    }

    @Test
    void garbageAndUnknownTokensAreAnswered200AndABadHintOrNoToken400() {
        Http.Response login = login();
        for (String garbage : new String[] {"garbage", "a.b.c", "x".repeat(43), Tokens.sign(Tokens.claims("ina", "nope").build())}) {
            Http.Response r = revoke("token", garbage, "token_type_hint", "refresh_token");
            assertEquals(200, r.status(), garbage + ": " + r);
            assertEquals("", r.body());
        }
        Http.Response hint = revoke("token", login.text("access_token"), "token_type_hint", "id_token");
        assertEquals(400, hint.status(), hint::toString);
        assertEquals("unsupported_token_type", hint.text("error"));
        Http.Response none = revoke("token_type_hint", "access_token");
        assertEquals(400, none.status(), none::toString);
        assertEquals("invalid_request", none.text("error"));
        assertEquals(200, get(server.url("/api/me"), bearer(login.text("access_token"))).status(), "nothing was revoked");
    }

    @Test
    void aCrossSiteBrowserRevocationIsRefusedAndRevokesNothing() {
        Http.Response login = login();
        Map<String, String> headers = new HashMap<>(FORM);
        headers.put("Origin", "http://evil.example");
        headers.put("Sec-Fetch-Site", "cross-site");
        Http.Response r = post(server.url("/auth/revoke"), form("token", login.text("refresh_token")), headers);
        assertEquals(403, r.status(), r::toString);
        assertEquals(200, refresh(login.text("refresh_token")), "the session lives on");
    }

    @Test
    void introspectionRefusesMissingOrWrongClientCredentials() {
        String access = login().text("access_token");
        for (Map<String, String> headers : java.util.List.of(FORM, basic(CLIENT, "wrong-secret-0123456789"), basic("other", CLIENT_SECRET),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Bearer " + access))) {
            Http.Response r = post(server.url("/auth/introspect"), form("token", access), headers);
            assertEquals(401, r.status(), r::toString);
            assertTrue(r.header("WWW-Authenticate").orElseThrow().startsWith("Basic"), r::toString);
            assertFalse(r.body().contains("ina"), "nothing about the token: " + r);
        }
    }

    @Test
    void introspectionTellsLiveRevokedExpiredAndRefreshTokensApart() {
        Http.Response login = login();
        String access = login.text("access_token");
        JsonNode live = introspect(access);
        assertTrue(live.path("active").asBoolean(), live::toString);
        assertEquals("ina", live.path("sub").asText());
        assertEquals("access_token", live.path("token_type").asText());
        assertEquals("signoff", live.path("iss").asText());
        assertEquals("signoff", live.path("aud").asText());
        assertFalse(live.path("sid").asText().isEmpty());
        assertFalse(live.path("jti").asText().isEmpty());
        assertTrue(live.path("exp").asLong() > live.path("iat").asLong(), live::toString);
        assertTrue(live.path("roles").isArray(), live::toString);

        JsonNode refresh = introspect(login.text("refresh_token"));
        assertTrue(refresh.path("active").asBoolean(), refresh::toString);
        assertEquals("refresh_token", refresh.path("token_type").asText());
        assertEquals(live.path("sid").asText(), refresh.path("sid").asText());
        assertEquals("ina", refresh.path("sub").asText());

        Instant past = Instant.now().minusSeconds(3600);
        String expired = Tokens.sign(Tokens.claims("ina", live.path("sid").asText()).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60))).build());
        assertEquals(Map.of("active", false), Http.JSON.convertValue(introspect(expired), Map.class), "expired");
        assertFalse(introspect("garbage").path("active").asBoolean(true));

        assertEquals(200, refresh(login.text("refresh_token")));
        assertFalse(introspect(login.text("refresh_token")).path("active").asBoolean(true), "a consumed refresh token");

        assertEquals(200, revoke("token", access).status());
        JsonNode revoked = introspect(access);
        assertEquals(1, revoked.size(), revoked::toString);
        assertFalse(revoked.path("active").asBoolean(true), "revoked");
    }

    @Test
    void introspectingAccessTokensSendsNothingToTheDatabase() {
        Http.Response login = login();
        String access = login.text("access_token");
        String revoked = login().text("access_token");
        assertEquals(200, revoke("token", revoked).status());
        String expired = Tokens.sign(Tokens.claims("ina", "s").expirationTime(Date.from(Instant.now().minusSeconds(120))).build());
        long before = relay.bytesFromClients();
        assertTrue(before > 0, "the relay carries Signoff's statements");
        for (int i = 0; i < 50; i++) {
            assertTrue(introspect(access).path("active").asBoolean());
            assertFalse(introspect(revoked).path("active").asBoolean(true));
            assertFalse(introspect(expired).path("active").asBoolean(true));
            assertFalse(introspect("garbage." + i).path("active").asBoolean(true));
        }
        long after = relay.bytesFromClients();
        assertEquals(before, after, "200 introspections of access tokens sent " + (after - before) + " bytes to " + db.kind());
        assertTrue(introspect(login.text("refresh_token")).path("active").asBoolean());
        assertTrue(relay.bytesFromClients() > after, "a refresh token is looked up in the database, so the count is live");
    }
}
