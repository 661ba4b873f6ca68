package dev.signoff.http;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One cookie Signoff sets and clears, with every attribute fixed by configuration, so that the cookie that
 * clears it carries exactly the attributes it was set with (a browser only replaces a cookie of the same name,
 * domain and path). {@code Set-Cookie} headers are written by this class, identically on every server.
 *
 * @param name     the cookie name
 * @param path     {@code Path}, as sent: the configured path below the application's context path
 * @param domain   {@code Domain}, or {@code null} for a host-only cookie
 * @param secure   when to add {@code Secure}
 * @param httpOnly whether to add {@code HttpOnly}
 * @param sameSite {@code Strict}, {@code Lax}, {@code None}, or {@code null} to leave it out
 * @param maxAge   {@code Max-Age} when set; {@code null} for the lifetime of the token it holds;
 *                 {@link Duration#ZERO} for a browser-session cookie (no {@code Max-Age})
 */
public record CookieSpec(String name, String path, String domain, Secure secure, boolean httpOnly, String sameSite, Duration maxAge) {

    /** When the {@code Secure} attribute is added. */
    public enum Secure {
        ALWAYS, NEVER,
        /** exactly when the request came over HTTPS ({@code request.isSecure()}) */
        AUTO
    }

    public static final List<String> ATTRIBUTES = List.of("name", "path", "domain", "secure", "http-only", "same-site", "max-age");

    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    private static final String EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

    /** The parameter names of the cookie configured under {@code prefix} (such as {@code signoff.cookie.access}). */
    public static List<String> names(String prefix) {
        return ATTRIBUTES.stream().map(a -> prefix + "." + a).toList();
    }

    /** {@link #parse(Params, String, String)} for an application at the root context. */
    public static CookieSpec parse(Params params, String prefix) {
        return parse(params, prefix, "");
    }

    /**
     * Reads the cookie configured under {@code prefix}; {@code null} when {@code prefix.name} is not set. The configured
     * path is relative to the application: with context path {@code /shop}, {@code /} becomes {@code Path=/shop} and
     * {@code /auth} becomes {@code Path=/shop/auth}, so that the cookie reaches the application wherever it is deployed
     * and no other application of the host. Fails on combinations browsers reject: {@code SameSite=None} without
     * {@code secure=true}, and the {@code __Secure-} and {@code __Host-} prefixes without their required attributes.
     *
     * @param contextPath the application's context path: {@code ""} for the root, else {@code /name}
     */
    public static CookieSpec parse(Params params, String prefix, String contextPath) {
        String name = params.string(prefix + ".name", null);
        if (name == null) {
            return null;
        }
        if (!isToken(name)) {
            throw new ConfigException(prefix + ".name", "'" + name + "' is not a valid cookie name (RFC 6265 token characters)");
        }
        String path = params.string(prefix + ".path", "/");
        if (!path.startsWith("/") || !isAttributeValue(path)) {
            throw new ConfigException(prefix + ".path", "expected a path starting with / without ; or control characters");
        }
        String domain = params.string(prefix + ".domain", null);
        if (domain != null && (!isAttributeValue(domain) || domain.contains(" ") || domain.contains("/"))) {
            throw new ConfigException(prefix + ".domain", "'" + domain + "' is not a domain name");
        }
        Secure secure = Secure.valueOf(params.oneOf(prefix + ".secure", "auto", List.of("true", "false", "auto"))
                .replace("true", "ALWAYS").replace("false", "NEVER").toUpperCase(Locale.ROOT));
        boolean httpOnly = params.bool(prefix + ".http-only", true);
        String sameSite = params.oneOf(prefix + ".same-site", "Lax", List.of("Strict", "Lax", "None", "unset"));
        if ("unset".equals(sameSite)) {
            sameSite = null;
        }
        Duration maxAge = null;
        String rawMaxAge = params.string(prefix + ".max-age", "token");
        if ("session".equalsIgnoreCase(rawMaxAge)) {
            maxAge = Duration.ZERO;
        } else if (!"token".equalsIgnoreCase(rawMaxAge)) {
            maxAge = params.duration(prefix + ".max-age", null, Duration.ofSeconds(1), Duration.ofDays(400));
        }
        if ("None".equals(sameSite) && secure != Secure.ALWAYS) {
            throw new ConfigException(prefix + ".same-site", "SameSite=None requires " + prefix
                    + ".secure=true: browsers reject a SameSite=None cookie without Secure");
        }
        if ((name.startsWith("__Secure-") || name.startsWith("__Host-")) && secure != Secure.ALWAYS) {
            throw new ConfigException(prefix + ".secure", "a cookie named " + name + " must be set with " + prefix + ".secure=true");
        }
        String sentPath = contextPath == null || contextPath.isEmpty() ? path
                : "/".equals(path) ? contextPath : contextPath + path;
        if (name.startsWith("__Host-") && (domain != null || !"/".equals(sentPath))) {
            throw new ConfigException(prefix + ".path", "a __Host- cookie must have path / and no domain"
                    + (contextPath == null || contextPath.isEmpty() ? "" : ", which an application at " + contextPath
                    + " cannot set: deploy it at the root context or choose another name"));
        }
        return new CookieSpec(name, sentPath, domain, secure, httpOnly, sameSite, maxAge);
    }

    /** The {@code Set-Cookie} value that sets this cookie to {@code value}, for a token living {@code tokenLifetime}. */
    public String set(String value, Duration tokenLifetime, boolean requestSecure, long nowMillis) {
        Duration lifetime = maxAge != null ? maxAge : tokenLifetime;
        StringBuilder header = new StringBuilder(name).append('=').append(value);
        if (!lifetime.isZero()) {
            long seconds = lifetime.toSeconds();
            header.append("; Max-Age=").append(seconds).append("; Expires=")
                    .append(EXPIRES.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(nowMillis + seconds * 1000), ZoneOffset.UTC)));
        }
        return attributes(header, requestSecure);
    }

    /** The {@code Set-Cookie} value that deletes this cookie: empty value, {@code Max-Age=0} and an {@code Expires} in 1970. */
    public String clear(boolean requestSecure) {
        return attributes(new StringBuilder(name).append("=; Max-Age=0; Expires=").append(EPOCH), requestSecure);
    }

    private String attributes(StringBuilder header, boolean requestSecure) {
        header.append("; Path=").append(path);
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        if (secure == Secure.ALWAYS || secure == Secure.AUTO && requestSecure) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        if (sameSite != null) {
            header.append("; SameSite=").append(sameSite);
        }
        return header.toString();
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAttributeValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';') {
                return false;
            }
        }
        return true;
    }
}
