package dev.signoff.deploy;

import dev.signoff.http.CookieSpec;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.token.TokenSettings;

/**
 * The part of the {@code signoff.*} context-params that Signoff's filters and servlets read besides their own
 * init-params: the token lifetimes and the two cookies. Immutable.
 *
 * @param tokens        token issuing and verification
 * @param accessCookie  the cookie holding the access token ({@value #ACCESS_COOKIE}{@code .*}), or {@code null}
 * @param refreshCookie the cookie holding the refresh token ({@value #REFRESH_COOKIE}{@code .*}), or {@code null}
 * @param crossSite     the cross-site rules ({@value CrossSiteGuard#ALLOWED_ORIGINS})
 */
public record CommonSettings(TokenSettings tokens, CookieSpec accessCookie, CookieSpec refreshCookie, CrossSiteGuard crossSite) {

    /** Settings that accept browser requests from the request's own origin only. */
    public CommonSettings(TokenSettings tokens, CookieSpec accessCookie, CookieSpec refreshCookie) {
        this(tokens, accessCookie, refreshCookie, CrossSiteGuard.sameOriginOnly());
    }

    public static final String ACCESS_COOKIE = "signoff.cookie.access";
    public static final String REFRESH_COOKIE = "signoff.cookie.refresh";
}
