package dev.signoff.store;

/**
 * A refresh token as introspection sees it: its own times and its session.
 *
 * @param session          the session it belongs to
 * @param issuedAt         epoch milliseconds
 * @param expiresAt        epoch milliseconds
 * @param consumedAt       epoch milliseconds, or {@code null} while it can still be exchanged
 * @param sessionExpiresAt epoch milliseconds after which the idle session is over
 */
public record RefreshTokenState(SessionInfo session, long issuedAt, long expiresAt, Long consumedAt, long sessionExpiresAt) {

    /** Whether the token can be exchanged at {@code now} (the revocation view is not consulted here). */
    public boolean liveAt(long now) {
        return consumedAt == null && session.active() && expiresAt > now && sessionExpiresAt > now;
    }
}
