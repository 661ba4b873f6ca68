package dev.signoff.auth;

import jakarta.servlet.http.HttpSession;

/**
 * The one place that handles HttpSessions that die underfoot: every method of an invalidated session throws
 * {@link IllegalStateException}, which for Signoff always means "this session holds nothing any more".
 */
public final class HttpSessions {

    private static final System.Logger LOG = System.getLogger(HttpSessions.class.getName());

    private HttpSessions() {
    }

    /** The attribute {@code name} of {@code session}, or {@code null} when it has none or the session is invalid. */
    public static Object attribute(HttpSession session, String name) {
        try {
            return session.getAttribute(name);
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** The Signoff login kept in {@code session}, or {@code null}. */
    public static HttpSessionLogin login(HttpSession session) {
        return attribute(session, HttpSessionLogin.ATTRIBUTE) instanceof HttpSessionLogin login ? login : null;
    }

    /** The id of {@code session}, or {@code null} when it is invalid. */
    public static String id(HttpSession session) {
        try {
            return session.getId();
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** The creation time of {@code session} (epoch ms), or {@code -1} when it is invalid. */
    public static long creationTime(HttpSession session) {
        try {
            return session.getCreationTime();
        } catch (IllegalStateException invalidated) {
            return -1;
        }
    }

    /** Invalidates {@code session}; one already invalid is left as it is. @return whether this call ended it */
    public static boolean invalidate(HttpSession session) {
        try {
            session.invalidate();
            return true;
        } catch (IllegalStateException alreadyInvalid) {
            LOG.log(System.Logger.Level.DEBUG, "HttpSession was already invalid");
            return false;
        }
    }
}
