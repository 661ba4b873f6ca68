package dev.signoff.store;

import java.util.Map;

/**
 * One revocation as announced to the other nodes on PostgreSQL ({@code NOTIFY signoff_revocation}), sent in the
 * transaction that records it, so that it is delivered exactly when, and only if, the revocation commits. The
 * payload is {@code KIND TIME ID}: {@code s} (session id, revocation time), {@code t} (access-token id, its
 * expiry) or {@code u} (subject, its "not before"), times in epoch milliseconds. The id comes last and may hold
 * spaces. A notice only ever adds a revocation, so a forged one can refuse tokens but never accept one.
 */
public record RevocationNotice(char kind, long time, String id) {

    /** The PostgreSQL channel Signoff's notices travel on. */
    public static final String CHANNEL = "signoff_revocation";

    /** A login session ended: the id is the session's, the time its revocation. */
    public static final char SESSION = 's';
    /** An access token revoked: the id is its {@code jti}, the time its expiry. */
    public static final char TOKEN = 't';
    /** A logout on all devices: the id is the subject, the time its "not before". */
    public static final char SUBJECT = 'u';

    /** The notice as sent: {@code KIND TIME ID}, read back by {@link #parse}. */
    public String payload() {
        return kind + " " + time + " " + id;
    }

    /** The revocation a payload announces, or {@code null} for a payload that is not one of Signoff's. */
    public static RevocationChanges parse(String payload) {
        if (payload == null || payload.length() < 5 || payload.charAt(1) != ' ') {
            return null;
        }
        int space = payload.indexOf(' ', 2);
        if (space < 0 || space == payload.length() - 1) {
            return null;
        }
        long time;
        try {
            time = Long.parseLong(payload.substring(2, space));
        } catch (NumberFormatException e) {
            return null;
        }
        Map<String, Long> entry = Map.of(payload.substring(space + 1), time);
        return switch (payload.charAt(0)) {
            case SESSION -> new RevocationChanges(entry, Map.of(), Map.of());
            case TOKEN -> new RevocationChanges(Map.of(), entry, Map.of());
            case SUBJECT -> new RevocationChanges(Map.of(), Map.of(), entry);
            default -> null;
        };
    }
}
