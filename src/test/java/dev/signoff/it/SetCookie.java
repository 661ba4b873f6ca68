package dev.signoff.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * One {@code Set-Cookie} header, split into its name, value and attributes, names as sent (a flag such as
 * {@code HttpOnly} has the value {@code ""}; an attribute sent twice fails the parse). The contract tests compare
 * every attribute exactly as a seed writes it; the server tests, where each server spells attribute names its own
 * way ({@code path=} or {@code Path=}), compare {@link #scope()} and look attributes up ignoring case.
 */
public record SetCookie(String name, String value, Map<String, String> attributes) {

    public static final String EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

    public static SetCookie parse(String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                continue;
            }
            int e = part.indexOf('=');
            String key = e < 0 ? part : part.substring(0, e);
            if (attributes.put(key, e < 0 ? "" : part.substring(e + 1)) != null) {
                throw new AssertionError("attribute " + key + " twice in " + header);
            }
        }
        return new SetCookie(parts[0].substring(0, eq).strip(), parts[0].substring(eq + 1).strip(), attributes);
    }

    /** Every {@code Set-Cookie} of {@code response} for cookie {@code name}, in the order sent. */
    public static List<SetCookie> all(Http.Response response, String name) {
        return response.setCookies().stream().map(SetCookie::parse).filter(c -> c.name().equals(name)).toList();
    }

    /** The last {@code Set-Cookie} for {@code name}: the one a browser keeps. */
    public static SetCookie last(Http.Response response, String name) {
        List<SetCookie> all = all(response, name);
        if (all.isEmpty()) {
            throw new AssertionError("no Set-Cookie for " + name + " in " + response.setCookies());
        }
        return all.get(all.size() - 1);
    }

    /** Asserts that {@code response} sets exactly the cookies {@code names}, each once, in any order. */
    public static Map<String, SetCookie> exactly(Http.Response response, String... names) {
        Map<String, SetCookie> cookies = new LinkedHashMap<>();
        for (String header : response.setCookies()) {
            SetCookie cookie = parse(header);
            if (cookies.put(cookie.name(), cookie) != null) {
                throw new AssertionError(cookie.name() + " is set twice: " + response.setCookies());
            }
        }
        assertEquals(new TreeSet<>(List.of(names)), new TreeSet<>(cookies.keySet()), response::toString);
        return cookies;
    }

    /** The value of attribute {@code name}, whatever case the header spells it in, or {@code null}. */
    public String attribute(String name) {
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getKey().equalsIgnoreCase(name)) {
                return attribute.getValue();
            }
        }
        return null;
    }

    public String path() {
        return attribute("Path");
    }

    /** Whether this header deletes the cookie ({@code Max-Age=0} or an {@code Expires} in the past). */
    public boolean deletes() {
        String expires = attribute("Expires");
        return "0".equals(attribute("Max-Age")) || expires != null && expires.contains("1970");
    }

    /**
     * What decides which stored cookie a header replaces or deletes, and how it is sent: every attribute but the
     * lifetime, names in lower case, {@code SameSite}'s value too.
     */
    public Map<String, String> scope() {
        Map<String, String> scope = new LinkedHashMap<>();
        attributes.forEach((key, v) -> {
            String k = key.toLowerCase(Locale.ROOT);
            if (!k.equals("max-age") && !k.equals("expires")) {
                scope.put(k, k.equals("samesite") ? v.toLowerCase(Locale.ROOT) : v);
            }
        });
        return scope;
    }

    /** Asserts this header deletes the cookie: empty value, {@code Max-Age=0}, an epoch {@code Expires}, and {@code others}. */
    public void assertCleared(Map<String, String> others) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Max-Age", "0");
        expected.put("Expires", EPOCH);
        expected.putAll(others);
        assertEquals("", value, () -> name + " is cleared with an empty value");
        assertEquals(expected, attributes, () -> "attributes of the Set-Cookie clearing " + name);
    }

    /**
     * Asserts this header sets the cookie to live {@code maxAgeSeconds}, with an {@code Expires} date in the future,
     * and exactly {@code others} besides; returns the value.
     */
    public String assertSet(long maxAgeSeconds, Map<String, String> others) {
        assertTrue(!value.isEmpty(), () -> name + " has a value");
        Map<String, String> rest = new LinkedHashMap<>(attributes);
        assertEquals(Long.toString(maxAgeSeconds), rest.remove("Max-Age"), () -> "Max-Age of " + name);
        String expires = rest.remove("Expires");
        ZonedDateTime at = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME);
        assertTrue(at.isAfter(ZonedDateTime.now()), () -> "Expires of " + name + " lies ahead: " + expires);
        assertEquals(others, rest, () -> "attributes of the Set-Cookie setting " + name);
        return value;
    }
}
