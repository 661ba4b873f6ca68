package dev.signoff.http;

/** Input Signoff cannot read: answered 400 with {@code {"error":"invalid_request"}} and this message. */
public final class BadRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
