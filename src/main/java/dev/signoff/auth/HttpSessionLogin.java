package dev.signoff.auth;

import java.io.Serializable;
import java.util.Set;

/**
 * A Signoff login kept in the container's HttpSession (login servlets with {@code deliver} including
 * {@code session}). Serializable, so that sessions can be persisted or replicated by the container.
 *
 * @param subject         the user
 * @param roles           the roles granted at login
 * @param sessionId       the Signoff login session, revoked by logout like any other
 * @param authenticatedAt epoch milliseconds
 * @param refreshToken    the login's current refresh token, kept on the server for the refresh servlet, or
 *                        {@code null}; never in {@link #toString()}
 */
public record HttpSessionLogin(String subject, Set<String> roles, String sessionId, long authenticatedAt, String refreshToken)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The HttpSession attribute holding it. */
    public static final String ATTRIBUTE = HttpSessionLogin.class.getName();

    public HttpSessionLogin {
        roles = Set.copyOf(roles);
    }

    /** Hides the refresh token: this object may end up in a log line or a session dump. */
    @Override
    public String toString() {
        return "HttpSessionLogin[subject=" + subject + ", sessionId=" + sessionId + "]";
    }
}
