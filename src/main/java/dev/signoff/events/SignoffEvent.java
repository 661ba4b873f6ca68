package dev.signoff.events;

import java.util.List;

/**
 * What happened to a login, told to every {@link SignoffEventListener} after it was recorded in the database.
 * Events carry ids and names only, never a token.
 */
public sealed interface SignoffEvent permits SignoffEvent.LoggedIn, SignoffEvent.Refreshed, SignoffEvent.LoggedOut {

    /** The user the event is about. */
    String subject();

    /** When it happened, epoch milliseconds. */
    long at();

    /** A login session started: {@code Signoff.login}, or the login servlet. */
    record LoggedIn(String subject, String sessionId, long at) implements SignoffEvent {
    }

    /** A refresh token was exchanged for new tokens in session {@code sessionId}. */
    record Refreshed(String subject, String sessionId, long at) implements SignoffEvent {
    }

    /**
     * Logins ended.
     *
     * @param scope      one session, or every session of the user
     * @param sessionIds the login sessions that were live and ended (empty for a container login, or when only an
     *                   access token was revoked)
     * @param reason     why
     */
    record LoggedOut(String subject, LogoutScope scope, List<String> sessionIds, LogoutReason reason, long at) implements SignoffEvent {

        public LoggedOut {
            sessionIds = List.copyOf(sessionIds);
        }
    }
}
