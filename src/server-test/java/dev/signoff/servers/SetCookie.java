package dev.signoff.servers;

import dev.signoff.it.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code Set-Cookie} header, parsed: servers write attribute names in their own case ({@code path=} or
 * {@code Path=}), so names are compared in lower case.
 *
 * @param attributes lower-case attribute names to values ({@code ""} for flags such as {@code httponly})
 */
record SetCookie(String name, String value, Map<String, String> attributes) {

    static SetCookie parse(String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int at = part.indexOf('=');
            attributes.put((at < 0 ? part : part.substring(0, at)).toLowerCase(Locale.ROOT), at < 0 ? "" : part.substring(at + 1));
        }
        return new SetCookie(parts[0].substring(0, eq).trim(), parts[0].substring(eq + 1).trim(), attributes);
    }

    /** Every {@code Set-Cookie} of {@code response} for cookie {@code name}, in the order sent. */
    static List<SetCookie> all(Http.Response response, String name) {
        return response.setCookies().stream().map(SetCookie::parse).filter(c -> c.name().equals(name)).toList();
    }

    /** The last {@code Set-Cookie} for {@code name}: the one a browser keeps. */
    static SetCookie last(Http.Response response, String name) {
        List<SetCookie> all = all(response, name);
        if (all.isEmpty()) {
            throw new AssertionError("no Set-Cookie for " + name + " in " + response.setCookies());
        }
        return all.get(all.size() - 1);
    }

    /** Whether this header deletes the cookie ({@code Max-Age=0} or an {@code Expires} in the past). */
    boolean deletes() {
        return "0".equals(attributes.get("max-age")) || attributes.getOrDefault("expires", "").contains("1970");
    }

    /** What decides which stored cookie a header replaces or deletes, and how it is sent: all but value and lifetime. */
    Map<String, String> scope() {
        Map<String, String> scope = new LinkedHashMap<>(attributes);
        scope.remove("max-age");
        scope.remove("expires");
        scope.replaceAll((k, v) -> k.equals("samesite") ? v.toLowerCase(Locale.ROOT) : v);
        return scope;
    }

    String path() {
        return attributes.get("path");
    }
}
