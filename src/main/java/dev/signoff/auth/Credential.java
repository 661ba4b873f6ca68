package dev.signoff.auth;

import dev.signoff.http.BadRequestException;
import dev.signoff.http.CookieSpec;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A credential found in a request: a token (bearer header or cookie) or an HttpSession. {@link #find}
 * reads the sources in the configured order and stops at the first that holds something: the first
 * credential present decides, a bad one is never passed over for the next.
 *
 * @param source  where it came from
 * @param token   the token, for {@link CredentialSource#BEARER}, {@link CredentialSource#COOKIE} and
 *                {@link CredentialSource#REFRESH_COOKIE}
 * @param session the HttpSession, for {@link CredentialSource#SESSION}
 */
public record Credential(CredentialSource source, String token, HttpSession session) {

    /**
     * The first credential of {@code sources} present in {@code request}, or {@code null}.
     *
     * @throws BadRequestException for an {@code Authorization: Bearer} header that breaks RFC 6750 §2.1
     */
    public static Credential find(HttpServletRequest request, List<CredentialSource> sources, CookieSpec accessCookie,
                                  CookieSpec refreshCookie) throws BadRequestException {
        for (CredentialSource source : sources) {
            Credential found = switch (source) {
                case BEARER -> bearer(request);
                case COOKIE -> cookie(request, source, accessCookie);
                case REFRESH_COOKIE -> cookie(request, source, refreshCookie);
                case SESSION -> session(request);
            };
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Credential bearer(HttpServletRequest request) throws BadRequestException {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.isEmpty()) {
            return null;
        }
        String header = headers.get(0);
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!"bearer".equals(scheme.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (headers.size() > 1) {
            throw new BadRequestException("more than one Authorization header");
        }
        String token = space < 0 ? "" : header.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw new BadRequestException("the Bearer scheme without a token");
        }
        if (!isB64Token(token)) {
            throw new BadRequestException("the bearer token has characters RFC 6750 does not allow");
        }
        return new Credential(CredentialSource.BEARER, token, null);
    }

    private static Credential cookie(HttpServletRequest request, CredentialSource source, CookieSpec spec) {
        if (spec == null || request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (spec.name().equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return new Credential(source, cookie.getValue(), null);
            }
        }
        return null;
    }

    /**
     * A Signoff login kept in the HttpSession, else the container's own login kept in it (FORM authentication).
     * The container's authentication of a single request (BASIC on every request) is no credential here: no
     * logout could end it.
     */
    private static Credential session(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        try {
            if (session.getAttribute(SessionLogin.ATTRIBUTE) == null && request.getUserPrincipal() == null) {
                return null;
            }
        } catch (IllegalStateException invalidated) {
            return null;
        }
        return new Credential(CredentialSource.SESSION, null, session);
    }

    /** RFC 6750 §2.1 {@code b64token}: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isB64Token(String token) {
        int i = 0;
        int n = token.length();
        while (i < n && isB64Char(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static final boolean[] B64_CHARS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            B64_CHARS[c] = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }

    private static boolean isB64Char(char c) {
        return c < 128 && B64_CHARS[c];
    }

    /** Hides the token: this object may end up in a log line. */
    @Override
    public String toString() {
        return "Credential[" + source.configName() + "]";
    }
}
