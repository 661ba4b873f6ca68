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
    EXPIRED
}
