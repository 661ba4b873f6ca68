package dev.signoff.store;

/**
 * One revocation a transaction records, as the {@link RevocationHook}s see it: the {@link RevocationNotice} that tells
 * other nodes (kind, time, id: all their views need, nothing that authenticates), and the subject it concerns (the
 * user of the session or of the token, or the user logged out on all devices), for hooks that keep data per user.
 */
public record Revocation(RevocationNotice notice, String subject) {

    /** Whether this revocation ends a login session ({@link RevocationNotice#SESSION}). */
    public boolean endsSession() {
        return notice.kind() == RevocationNotice.SESSION;
    }

    /** Whether this is a logout on all devices ({@link RevocationNotice#SUBJECT}). */
    public boolean endsEverySession() {
        return notice.kind() == RevocationNotice.SUBJECT;
    }
}
