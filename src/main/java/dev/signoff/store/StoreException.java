package dev.signoff.store;

/**
 * The database could not do what was asked: unreachable, timed out, or refused the statement. Nothing was
 * committed. The message never contains a token, a secret or a password.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
