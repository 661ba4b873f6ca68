package dev.signoff.events;

/** What a logout ends. */
public enum LogoutScope {
    /** this login only: its refresh tokens and every access token carrying its {@code sid} */
    SESSION,
    /** every login of the user, on every device and node: the per-subject "not before" */
    USER
}
