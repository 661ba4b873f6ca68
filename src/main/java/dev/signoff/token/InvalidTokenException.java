package dev.signoff.token;

/**
 * A token that must not be accepted. The message is the precise reason, meant for a debug log line; it never
 * contains the token. Callers answer the client with one generic rejection whatever the reason.
 *
 * <p>Carries no stack trace: rejecting garbage is an expected, frequent outcome on the request path.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
