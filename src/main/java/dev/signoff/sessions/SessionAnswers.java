package dev.signoff.sessions;

import dev.signoff.http.Responses;
import dev.signoff.logout.LogoutOutcome;
import dev.signoff.store.SessionDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON answers of the session servlets. A session is
 * {@code {"id","created","last_used","expires","user_agent","address","current"}}, times in ISO-8601 UTC to the
 * second ({@code 2026-12-02T06:10:15Z}); a logout is {@code {"message":"Logged out","sessions":[ids ended]}}.
 */
final class SessionAnswers {

    private SessionAnswers() {
    }

    /** The sessions, in their order; {@code current} is true for {@code currentId} (may be {@code null}). */
    static void list(HttpServletResponse response, List<SessionDetails> sessions, String currentId) throws IOException {
        Responses.json(response, HttpServletResponse.SC_OK, sessions.stream().map(s -> session(s, currentId)).toList());
    }

    static Map<String, Object> session(SessionDetails session, String currentId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", session.id());
        json.put("created", time(session.createdAt()));
        json.put("last_used", time(session.refreshedAt()));
        json.put("expires", time(session.expiresAt()));
        json.put("user_agent", session.userAgent());
        json.put("address", session.address());
        json.put("current", session.id().equals(currentId));
        return json;
    }

    static void loggedOut(HttpServletResponse response, LogoutOutcome outcome) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message", "Logged out");
        json.put("sessions", outcome.endedSessionIds());
        Responses.json(response, HttpServletResponse.SC_OK, json);
    }

    static void unauthorized(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        Responses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Authentication required");
    }

    static void noSuchSession(HttpServletResponse response) throws IOException {
        Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", "No such live session");
    }

    static void notFound(HttpServletResponse response) throws IOException {
        Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", "Not found");
    }

    static void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "5");
        Responses.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "Sessions are temporarily unavailable");
    }

    static void failed(HttpServletResponse response) throws IOException {
        Responses.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "server_error", "Logout could not be completed");
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
