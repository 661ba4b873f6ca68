package dev.signoff.auth;

import dev.signoff.http.CookieSpec;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The token in a cookie named by a {@link CookieSpec}: the access-token cookie gives an access token, the
 * refresh-token cookie a refresh token. An empty cookie is no credential. Immutable and thread-safe.
 */
public final class CookieTokenResolver implements CredentialResolver {

    private final CookieSpec cookie;
    private final CredentialSource source;

    /** @param source {@link CredentialSource#COOKIE} or {@link CredentialSource#REFRESH_COOKIE} */
    public CookieTokenResolver(CookieSpec cookie, CredentialSource source) {
        this.cookie = cookie;
        this.source = source;
    }

    @Override
    public Optional<Credential> resolve(HttpServletRequest request) {
        Cookie[] cookies = cookie == null ? null : request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (cookie.name().equals(c.getName()) && c.getValue() != null && !c.getValue().isEmpty()) {
                return Optional.of(source == CredentialSource.REFRESH_COOKIE ? new Credential.RefreshToken(c.getValue(), source)
                        : new Credential.AccessToken(c.getValue(), source));
            }
        }
        return Optional.empty();
    }
}
