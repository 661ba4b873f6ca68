package dev.signoff.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CookieSpecTest {

    private static CookieSpec parse(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put("c." + pairs[i], pairs[i + 1]);
        }
        return CookieSpec.parse(new Params(ConfigSource.of("test", Map.of(), map)), "c");
    }

    @Test
    void unsetNameMeansNoCookie() {
        assertNull(parse());
    }

    @Test
    void clearingCarriesTheSameAttributesAsSetting() {
        CookieSpec spec = parse("name", "refreshToken", "path", "/auth", "domain", "example.test", "secure", "true", "same-site", "Strict");
        String set = spec.set("abc", Duration.ofMinutes(15), false, 0);
        String clear = spec.clear(false);
        assertEquals("refreshToken=abc; Max-Age=900; Expires=Thu, 01 Jan 1970 00:15:00 GMT; Path=/auth; Domain=example.test; "
                + "Secure; HttpOnly; SameSite=Strict", set);
        assertEquals("refreshToken=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/auth; Domain=example.test; "
                + "Secure; HttpOnly; SameSite=Strict", clear);
    }

    @Test
    void autoSecureFollowsTheRequest() {
        CookieSpec spec = parse("name", "token");
        assertTrue(spec.clear(true).contains("; Secure"));
        assertTrue(!spec.clear(false).contains("Secure"));
        assertEquals("token=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax", spec.clear(false));
    }

    @Test
    void sessionCookieHasNoMaxAge() {
        CookieSpec spec = parse("name", "token", "max-age", "session", "same-site", "unset", "http-only", "false");
        assertEquals("token=v; Path=/", spec.set("v", Duration.ofMinutes(5), false, 0));
    }

    @Test
    void thePathIsRelativeToTheApplicationsContextPath() {
        Map<String, String> map = Map.of("c.name", "refreshToken", "c.path", "/auth");
        Params params = new Params(ConfigSource.of("test", Map.of(), map));
        assertEquals("refreshToken=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/shop/auth; HttpOnly; SameSite=Lax",
                CookieSpec.parse(params, "c", "/shop").clear(false));
        assertEquals("/auth", CookieSpec.parse(params, "c", "").path(), "at the root context the path is as configured");
        Params root = new Params(ConfigSource.of("test", Map.of(), Map.of("c.name", "t")));
        assertEquals("/shop", CookieSpec.parse(root, "c", "/shop").path(), "/ is the application, not the whole host");
        assertEquals("/", CookieSpec.parse(root, "c", "").path());
    }

    @Test
    void aHostPrefixedCookieNeedsTheRootContext() {
        Params params = new Params(ConfigSource.of("test", Map.of(), Map.of("c.name", "__Host-t", "c.secure", "true")));
        assertEquals("/", CookieSpec.parse(params, "c", "").path());
        ConfigException e = assertThrows(ConfigException.class, () -> CookieSpec.parse(params, "c", "/shop"));
        assertEquals("c.path", e.parameter());
        assertTrue(e.getMessage().contains("/shop"), e.getMessage());
    }

    @Test
    void browserRejectedCombinationsFailTheDeployment() {
        ConfigException none = assertThrows(ConfigException.class, () -> parse("name", "t", "same-site", "None"));
        assertEquals("c.same-site", none.parameter());
        assertTrue(none.getMessage().contains("Secure"));
        parse("name", "t", "same-site", "None", "secure", "true");
        assertThrows(ConfigException.class, () -> parse("name", "__Host-t", "secure", "true", "path", "/auth"));
        assertThrows(ConfigException.class, () -> parse("name", "__Secure-t"));
        assertThrows(ConfigException.class, () -> parse("name", "bad name"));
        assertThrows(ConfigException.class, () -> parse("name", "t", "path", "auth"));
    }
}
