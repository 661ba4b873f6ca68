package dev.signoff.auth;

import dev.signoff.http.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The access token of an {@code Authorization: Bearer} header (RFC 6750 §2.1). Another scheme ({@code Basic}) is no
 * credential of this source; a second {@code Authorization} header, an empty token or one with characters the
 * {@code b64token} grammar does not allow is malformed. Thread-safe.
 */
public final class BearerTokenResolver implements CredentialResolver {

    @Override
    public Optional<Credential> resolve(HttpServletRequest request) throws BadRequestException {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        String header = headers.get(0);
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!"bearer".equals(scheme.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
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
        return Optional.of(new Credential.AccessToken(token, CredentialSource.BEARER));
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
}
