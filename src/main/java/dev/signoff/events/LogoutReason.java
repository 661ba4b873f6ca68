package dev.signoff.events;

/** Why a login ended, as {@link SignoffEvent.LoggedOut} reports it. */
public enum LogoutReason {
    /** the user asked: the logout servlet, or the application's own call of {@code Signoff.logoutSession/logoutUser} */
    USER,
    /** an administrator ended the login of someone else */
    ADMIN,
    /** a consumed refresh token was presented again after the grace window: its whole session was ended */
    REUSE_DETECTED,
    /** the identity provider asked (OpenID Connect Back-Channel Logout) */
    BACK_CHANNEL,
    /** the login outlived its idle timeout or maximum lifetime */
    EXPIRED,
    /** a client revoked its refresh or access token (RFC 7009 token revocation) */
    REVOCATION;

    /** The name outside Java (logs, JSON): lower case, words joined by {@code -}, such as {@code back-channel}. */
    public String externalName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
