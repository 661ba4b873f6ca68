package dev.signoff.token;

/**
 * A token that must not be accepted. The message is the precise reason, meant for a debug log line; it never
 * contains the token. Callers answer the client with one generic rejection whatever the reason.
 *
 * <p>Carries no stack trace: rejecting garbage is an expected, frequent outcome on the request path.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * The class of a refusal, coarse enough to be counted ({@code signoff_auth_refused_total{reason=...}}): its
     * {@link #tag()} is the metric's tag value.
     */
    public enum Kind {
        /** not a JWS of Signoff's shape, a wrong algorithm or type, a claim missing or wrong */
        MALFORMED("malformed"),
        /** the signature does not verify with the key the token names */
        BAD_SIGNATURE("bad_signature"),
        /** past its {@code exp} (with the clock skew) */
        EXPIRED("expired"),
        /** its token, session or user was logged out */
        REVOKED("revoked"),
        /** no verification key for the token's {@code kid} */
        UNKNOWN_KEY("unknown_key");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Kind kind;

    public InvalidTokenException(String reason) {
        this(Kind.MALFORMED, reason);
    }

    public InvalidTokenException(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
