package dev.signoff.it.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.Http;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code Set-Cookie} header, split into its name, value and attributes (a flag such as {@code HttpOnly} has the
 * value {@code ""}), so that a test can compare every attribute at once.
 */
record SetCookie(String name, String value, Map<String, String> attributes) {

    static final String EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

    static SetCookie parse(String header) {
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

    /** Every {@code Set-Cookie} of {@code response}, by cookie name; fails when one name is set twice. */
    static Map<String, SetCookie> all(Http.Response response) {
        Map<String, SetCookie> cookies = new LinkedHashMap<>();
        for (String header : response.setCookies()) {
            SetCookie cookie = parse(header);
            if (cookies.put(cookie.name(), cookie) != null) {
                throw new AssertionError(cookie.name() + " is set twice: " + response.setCookies());
            }
        }
        return cookies;
    }

    /** Asserts that {@code response} sets exactly the cookies {@code names}, in any order. */
    static Map<String, SetCookie> exactly(Http.Response response, String... names) {
        Map<String, SetCookie> cookies = all(response);
        assertEquals(new java.util.TreeSet<>(List.of(names)), new java.util.TreeSet<>(cookies.keySet()), response::toString);
        return cookies;
    }

    /** Asserts this header deletes the cookie: empty value, {@code Max-Age=0}, an epoch {@code Expires}, and {@code others}. */
    void assertCleared(Map<String, String> others) {
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
    String assertSet(long maxAgeSeconds, Map<String, String> others) {
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
