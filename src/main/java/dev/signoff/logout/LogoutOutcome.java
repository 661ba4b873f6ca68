package dev.signoff.logout;

import java.util.List;

/**
 * What a logout decided, apart from how it is answered.
 *
 * @param result           how it went
 * @param endedSessionIds  the login sessions that were live and ended
 * @param setCookieHeaders the {@code Set-Cookie} values that clear cookies (empty without a request)
 * @param clearSiteData    the {@code Clear-Site-Data} value to send, or {@code null}
 * @param failures         the steps that failed, each as "class: exception"; empty when none did
 */
public record LogoutOutcome(LogoutResult result, List<String> endedSessionIds, List<String> setCookieHeaders, String clearSiteData,
                            List<String> failures) {

    public LogoutOutcome {
        endedSessionIds = List.copyOf(endedSessionIds);
        setCookieHeaders = List.copyOf(setCookieHeaders);
        failures = List.copyOf(failures);
    }
}
