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
    /** the login outlived its idle timeout or maximum lifetime (Signoff itself reports which: {@link #IDLE_TIMEOUT}, {@link #MAX_LIFETIME}) */
    EXPIRED,
    /** a new login of the user went beyond {@code signoff.session.max-per-user}: the oldest live session was ended */
    EVICTED,
    /** the login was not refreshed within {@code signoff.session.idle-timeout} */
    IDLE_TIMEOUT,
    /** the login reached {@code signoff.session.max-lifetime}, its absolute end */
    MAX_LIFETIME
}
