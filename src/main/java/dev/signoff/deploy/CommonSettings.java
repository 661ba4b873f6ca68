package dev.signoff.deploy;

import dev.signoff.http.CookieSpec;
import dev.signoff.token.TokenSettings;

/**
 * The part of the {@code signoff.*} context-params that Signoff's filters and servlets read besides their own
 * init-params: the token lifetimes and the two cookies. Immutable.
 *
 * @param tokens        token issuing and verification
 * @param accessCookie  the cookie holding the access token ({@value #ACCESS_COOKIE}{@code .*}), or {@code null}
 * @param refreshCookie the cookie holding the refresh token ({@value #REFRESH_COOKIE}{@code .*}), or {@code null}
 */
public record CommonSettings(TokenSettings tokens, CookieSpec accessCookie, CookieSpec refreshCookie) {

    public static final String ACCESS_COOKIE = "signoff.cookie.access";
    public static final String REFRESH_COOKIE = "signoff.cookie.refresh";
}
