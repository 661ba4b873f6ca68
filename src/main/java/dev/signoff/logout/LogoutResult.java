package dev.signoff.logout;

/** How a logout went; each result has its configured answer ({@code success-*}, {@code missing-*}, ...). */
public enum LogoutResult {
    /** a live login was ended */
    SUCCESS,
    /** no credential was sent */
    MISSING,
    /** a credential was sent but names no live login */
    INVALID,
    /** the database failed: the login may still be live on other nodes */
    ERROR
}
