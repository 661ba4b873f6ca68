package dev.signoff.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.auth.HttpSessionLogin;
import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.fakes.FakeRequest;
import dev.signoff.fakes.FakeResponse;
import dev.signoff.fakes.FakeSession;
import dev.signoff.http.CookieSpec;
import dev.signoff.token.TokenSettings;
import dev.signoff.token.TokenSettingsParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final TokenSettings TOKENS = TokenSettingsParser.parse(new Params(ConfigSource.of("context", Map.of(),
            Map.of("signoff.secret", "0123456789abcdef0123456789abcdef"))));
    private static final CookieSpec ACCESS = new CookieSpec("at", "/", null, CookieSpec.Secure.AUTO, true, "Strict", Duration.ZERO);
    private static final CookieSpec REFRESH = new CookieSpec("rt", "/auth", null, CookieSpec.Secure.AUTO, true, "Strict", Duration.ZERO);
    private static final CommonSettings COOKIES = new CommonSettings(TOKENS, ACCESS, REFRESH);
    private static final IssuedTokens TOKENS_ISSUED = new IssuedTokens("the.access.token", 900, "the-refresh-token", "sid-1", "alice",
            Set.of("user"));
    private static final List<String> ALL = List.of("body", "access-body", "cookies", "session");

    private static Delivery parse(String deliver, CommonSettings common) {
        Map<String, String> params = deliver == null ? Map.of() : Map.of("deliver", deliver);
        return Delivery.parse(new Params(ConfigSource.of("servlet login", params, Map.of())), common, ALL);
    }

    private static FakeResponse deliver(Delivery delivery, FakeRequest request) throws Exception {
        FakeResponse response = new FakeResponse();
        delivery.deliver(TOKENS_ISSUED, request.request, response.response, 1_000_000);
        return response;
    }

    @Test
    void theBodyByDefaultWithRfc6749Names() throws Exception {
        FakeResponse response = deliver(parse(null, COOKIES), new FakeRequest());
        assertEquals(200, response.status);
        assertEquals("{\"access_token\":\"the.access.token\",\"token_type\":\"Bearer\",\"expires_in\":900,"
                + "\"refresh_token\":\"the-refresh-token\",\"user\":\"alice\"}", response.body());
        assertEquals(List.of(), response.headers("Set-Cookie"));
    }

    @Test
    void accessBodyKeepsTheRefreshTokenInItsCookie() throws Exception {
        FakeResponse response = deliver(parse("access-body,cookies", COOKIES), new FakeRequest());
        assertFalse(response.body().contains("refresh"), response.body());
        List<String> cookies = response.headers("Set-Cookie");
        assertEquals(2, cookies.size(), cookies::toString);
        assertTrue(cookies.get(0).startsWith("at=the.access.token;"), cookies::toString);
        assertTrue(cookies.get(1).startsWith("rt=the-refresh-token;") && cookies.get(1).contains("Path=/auth"), cookies::toString);
    }

    @Test
    void theSessionKeepsTheLoginAndGetsANewId() throws Exception {
        FakeSession existing = new FakeSession("before", 0);
        FakeRequest request = new FakeRequest().session(existing);
        FakeResponse response = deliver(parse("session", COOKIES), request);
        assertEquals("{\"user\":\"alice\"}", response.body());
        assertNotEquals("before", existing.id, "the id changes against fixation");
        HttpSessionLogin login = (HttpSessionLogin) existing.attributes.get(HttpSessionLogin.ATTRIBUTE);
        assertEquals(new HttpSessionLogin("alice", Set.of("user"), "sid-1", 1_000_000, "the-refresh-token"), login);
        assertFalse(login.toString().contains("the-refresh-token"));
    }

    @Test
    void inconsistentModesNameTheParameter() {
        assertEquals("deliver", assertThrows(ConfigException.class, () -> parse("body,access-body", COOKIES)).parameter());
        assertEquals("deliver", assertThrows(ConfigException.class, () -> parse("cookies", new CommonSettings(TOKENS, null, null))).parameter());
        assertEquals("deliver", assertThrows(ConfigException.class, () -> parse("mail", COOKIES)).parameter());
    }
}
