package dev.signoff.sessions;

/**
 * A login refused because the user already holds {@code signoff.session.max-per-user} live sessions and
 * {@code signoff.session.limit-action} is {@code refuse}. The login servlet answers it with 409
 * {@code {"error":"session_limit","message":...,"limit":N}}.
 */
public final class SessionLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public SessionLimitException(String subject, int limit) {
        super(subject + " already holds " + limit + " live login sessions, the most signoff.session.max-per-user allows", null, false,
                false);
        this.limit = limit;
    }

    /** The configured limit. */
    public int limit() {
        return limit;
    }
}
