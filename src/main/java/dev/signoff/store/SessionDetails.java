package dev.signoff.store;

/**
 * A login session as its owner and an administrator see it in a session list: no token, no hash, no roles.
 *
 * @param id          the session id ({@code sid} in access tokens)
 * @param subject     the user
 * @param createdAt   the login, epoch milliseconds
 * @param refreshedAt the latest login or refresh, epoch milliseconds
 * @param expiresAt   when it ends unless refreshed before (never beyond its maximum lifetime), epoch milliseconds
 * @param userAgent   the {@code User-Agent} of the login, or {@code null}
 * @param address     the client address of the login, or {@code null}
 */
public record SessionDetails(String id, String subject, long createdAt, long refreshedAt, long expiresAt, String userAgent,
                             String address) {

    static SessionDetails of(LoginSession s) {
        return new SessionDetails(s.id(), s.subject(), s.createdAt(), s.refreshedAt(), s.expiresAt(), s.userAgent(), s.address());
    }
}
