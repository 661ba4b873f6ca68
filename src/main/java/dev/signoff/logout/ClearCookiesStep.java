package dev.signoff.logout;

import dev.signoff.http.CookieSpec;

/**
 * Decides the cookies the answer clears and its {@code Clear-Site-Data}, when the result so far is one the logout
 * servlet's {@code clear-cookies-on} lists. Runs last, so that it sees the result every other step left. Nothing to
 * do without a request. Thread-safe.
 */
public final class ClearCookiesStep implements LogoutStep {

    @Override
    public void run(Logout logout) {
        logout.exchange().ifPresent(exchange -> {
            if (!exchange.clearCookiesOn().contains(logout.result())) {
                return;
            }
            boolean secure = exchange.request().isSecure();
            for (CookieSpec cookie : exchange.cookies()) {
                logout.clearCookie(cookie.clear(secure));
            }
            if (exchange.clearSiteData() != null) {
                logout.clearSiteData(exchange.clearSiteData());
            }
        });
    }
}
