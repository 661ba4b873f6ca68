package dev.signoff.login;

import dev.signoff.auth.SignoffPrincipal;
import dev.signoff.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Answers GET with the authenticated user as JSON: {@code {"name":..., "roles":[...], "session":...}}. Map it
 * behind {@code AuthFilter}; without a principal it answers 401.
 */
public final class MeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            response.setHeader("WWW-Authenticate", "Bearer");
            Responses.error(response, 401, "unauthorized", "Authentication required");
            return;
        }
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", principal.getName());
        if (principal instanceof SignoffPrincipal signoff) {
            me.put("roles", new TreeSet<>(signoff.roles()));
            me.put("session", signoff.sessionId());
        }
        Responses.json(response, HttpServletResponse.SC_OK, me);
    }
}
