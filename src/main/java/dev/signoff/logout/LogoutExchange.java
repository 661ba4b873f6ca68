package dev.signoff.logout;

import dev.signoff.http.CookieSpec;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;

/**
 * The HTTP side of a logout that came as a request to a logout servlet: the request, and what that servlet's
 * init-params say to clear. Immutable.
 *
 * @param request        the logout request
 * @param cookies        the cookies to clear, each with the attributes it is set with
 * @param clearCookiesOn the results whose answer clears them and sends {@code Clear-Site-Data}
 * @param clearSiteData  the {@code Clear-Site-Data} value, or {@code null}
 */
public record LogoutExchange(HttpServletRequest request, List<CookieSpec> cookies, Set<LogoutResult> clearCookiesOn, String clearSiteData) {

    public LogoutExchange {
        cookies = List.copyOf(cookies);
        clearCookiesOn = Set.copyOf(clearCookiesOn);
    }
}
