package dev.signoff.events;

import java.util.List;

/**
 * What happened to a login, told to every {@link SignoffEventListener} after it was recorded in the database.
 * Events carry ids and names only, never a token.
 */
public sealed interface SignoffEvent permits SignoffEvent.LoggedIn, SignoffEvent.Refreshed, SignoffEvent.LoggedOut,
        SignoffEvent.LoginFailed, SignoffEvent.LoginThrottled, SignoffEvent.RefreshRefused, SignoffEvent.ReuseDetected,
        SignoffEvent.LogoutAttempted {

    /** The user the event is about. */
    String subject();

    /** When it happened, epoch milliseconds. */
    long at();

    /**
     * A login session started: {@code Signoff.login}, or the login servlet.
     *
     * @param client the caller's address and user agent, {@link Client#NONE} when unknown
     */
    record LoggedIn(String subject, String sessionId, long at, Client client) implements SignoffEvent {

        public LoggedIn(String subject, String sessionId, long at) {
            this(subject, sessionId, at, Client.NONE);
        }
    }

    /** A refresh token was exchanged for new tokens in session {@code sessionId}. */
    record Refreshed(String subject, String sessionId, long at, Client client) implements SignoffEvent {

        public Refreshed(String subject, String sessionId, long at) {
            this(subject, sessionId, at, Client.NONE);
        }
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

    /**
     * Who made the request behind an event: its remote address (as the container reports it) and {@code User-Agent}
     * header, each {@code null} when unknown (an event of the Java API without a request).
     */
    record Client(String address, String userAgent) {

        public static final Client NONE = new Client(null, null);
    }

    /**
     * A login attempt was refused by the container's realm: wrong password or unknown user (the two are not told
     * apart). {@code subject} is the username as it was typed.
     */
    record LoginFailed(String subject, Client client, long at) implements SignoffEvent {
    }

    /**
     * A login attempt was answered 429 without being checked, after too many failures for the username or from the
     * address ({@code signoff.login.max-failures*}).
     *
     * @param retryAfterSeconds the wait the answer asked for
     */
    record LoginThrottled(String subject, Client client, long retryAfterSeconds, long at) implements SignoffEvent {
    }

    /**
     * A refresh token was refused (unknown, expired, consumed, or its session ended). {@code subject} is {@code null}:
     * a refused token names nobody for sure.
     */
    record RefreshRefused(String subject, Client client, long at) implements SignoffEvent {
    }

    /**
     * A consumed refresh token was presented again after the grace window: session {@code sessionId} was revoked in
     * the same transaction (its {@link LoggedOut} with {@link LogoutReason#REUSE_DETECTED} follows).
     */
    record ReuseDetected(String subject, String sessionId, Client client, long at) implements SignoffEvent {
    }

    /**
     * Every logout that ran its steps, successful or not, whatever asked for it: a request, the Java API, reuse
     * detection. Published after {@link LoggedOut} (which only a logout that ended something is told as), to Signoff's
     * own listeners only (the counters and the audit trail), not to the application's.
     *
     * @param subject        the user, or {@code null} when the request named no live login
     * @param result         the result's external name ({@code success}, {@code missing}, {@code invalid},
     *                       {@code error})
     * @param revocationFailed whether the revocation could not be written to the database (it waits among the
     *                       pending writes; this node refuses the tokens anyway)
     * @param client         the request's caller, {@link Client#NONE} without a request
     */
    record LogoutAttempted(String subject, LogoutScope scope, LogoutReason reason, String result, List<String> sessionIds,
                           boolean revocationFailed, Client client, long at) implements SignoffEvent {

        public LogoutAttempted {
            sessionIds = List.copyOf(sessionIds);
        }
    }
}
