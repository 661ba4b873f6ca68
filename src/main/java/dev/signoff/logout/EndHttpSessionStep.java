package dev.signoff.logout;

import dev.signoff.auth.HttpSessions;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Ends the request's HttpSession, if it has one, and the container's login ({@code request.logout()}). Nothing to
 * do without a request: HttpSessions of a login ended elsewhere are invalidated by the HttpSession registry when the
 * revocation reaches it. A session already invalid is a harmless no-op. Thread-safe.
 */
public final class EndHttpSessionStep implements LogoutStep {

    private static final System.Logger LOG = System.getLogger(EndHttpSessionStep.class.getName());

    @Override
    public void run(Logout logout) {
        logout.exchange().ifPresent(exchange -> end(exchange.request()));
    }

    private static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            HttpSessions.invalidate(session);
        }
        try {
            request.logout();
        } catch (ServletException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "request.logout() failed: {0}", e.toString());
        }
    }
}
