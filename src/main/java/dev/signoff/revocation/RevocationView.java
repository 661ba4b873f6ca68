package dev.signoff.revocation;

import dev.signoff.store.RevocationChanges;
import dev.signoff.token.AccessToken;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory answer to "is this token revoked?", so that authenticating a request never touches the
 * database. It holds three kinds of entry, each only as long as a token it could refuse can still be valid:
 * revoked sessions ({@code sid}), revoked access tokens ({@code jti}) and per-subject "not before" times
 * (logout on all devices). Entries arrive at once from this node's logouts and, through
 * {@link RevocationSync}, from the database for logouts done by other nodes.
 *
 * <p>Revoked ids are held in {@link IdSet}s: about 50 bytes per id and one memory access per lookup, so that
 * a million revocations cost some 50 MB and no time on the request path.
 *
 * <p>A {@link Listener} hears of every session and subject revocation the view did not hold yet, before the view
 * refuses anything with it.
 *
 * <p>This class is thread-safe; lookups are lock-free.
 */
public final class RevocationView {

    /** Told of revocations as the view learns them, whichever way they come; must be quick and must not throw. */
    public interface Listener {

        /** The login session {@code sessionId} was revoked. */
        void sessionRevoked(String sessionId);

        /** Every credential of {@code subject} issued before {@code notBefore} (epoch ms) is revoked. */
        void subjectRevoked(String subject, long notBefore);
    }

    private static final Listener NOBODY = new Listener() {
        @Override
        public void sessionRevoked(String sessionId) {
        }

        @Override
        public void subjectRevoked(String subject, long notBefore) {
        }
    };

    private final long retentionMillis;
    private final Listener listener;
    private final IdSet sessions = new IdSet();
    private final IdSet tokens = new IdSet();
    private final Map<String, Long> subjects = new ConcurrentHashMap<>();
    private volatile long syncedAt;

    /**
     * @param retentionMillis how long after a revocation a token it refuses can still be presented:
     *                        the access-token lifetime plus the clock skew
     * @param now             the time the view is considered current from
     */
    public RevocationView(long retentionMillis, long now) {
        this(retentionMillis, now, NOBODY);
    }

    /** A view that tells {@code listener} of each new session and subject revocation. */
    public RevocationView(long retentionMillis, long now, Listener listener) {
        this.retentionMillis = retentionMillis;
        this.syncedAt = now;
        this.listener = listener;
    }

    /** Whether {@code token} was revoked by its id, its session, or a logout of its subject on all devices. */
    public boolean isRevoked(AccessToken token) {
        if (!tokens.isEmpty() && tokens.contains(token.tokenId())) {
            return true;
        }
        return isLoginRevoked(token.subject(), token.sessionId(), token.issuedAt() * 1000);
    }

    /**
     * Whether a credential of {@code subject}, belonging to the login session {@code sessionId} ({@code null} for
     * none) and issued at {@code issuedAtMillis}, was revoked: by a logout of that session, or by a logout of the
     * subject on all devices after it was issued. Every kind of credential (access token, HttpSession, refresh) is
     * judged by this one rule.
     */
    public boolean isLoginRevoked(String subject, String sessionId, long issuedAtMillis) {
        return isSessionRevoked(sessionId) || issuedBeforeNotBefore(subject, issuedAtMillis);
    }

    public boolean isSessionRevoked(String sessionId) {
        return sessionId != null && !sessions.isEmpty() && sessions.contains(sessionId);
    }

    /**
     * Whether a credential of {@code subject} issued at {@code issuedAtMillis} predates a logout on all devices.
     * Compared at whole seconds, as JWT times are: a token issued in the same second as the logout survives this
     * check, but that logout also revoked every session that existed, so only a session created after it keeps
     * working.
     */
    public boolean issuedBeforeNotBefore(String subject, long issuedAtMillis) {
        if (subjects.isEmpty()) {
            return false;
        }
        Long notBefore = subjects.get(subject);
        return notBefore != null && issuedAtMillis / 1000 < notBefore / 1000;
    }

    public void revokeSession(String sessionId, long revokedAt) {
        if (!sessions.contains(sessionId)) {
            listener.sessionRevoked(sessionId);
        }
        sessions.add(sessionId, revokedAt + retentionMillis);
    }

    public void revokeToken(String tokenId, long expiresAtMillis) {
        tokens.add(tokenId, expiresAtMillis + retentionMillis);
    }

    public void revokeSubject(String subject, long notBefore) {
        Long known = subjects.get(subject);
        if (known == null || known < notBefore) {
            listener.subjectRevoked(subject, notBefore);
        }
        subjects.merge(subject, notBefore, Math::max);
    }

    /** Adds what the database reports. */
    public void apply(RevocationChanges changes) {
        changes.sessions().forEach(this::revokeSession);
        changes.tokens().forEach(this::revokeToken);
        changes.subjects().forEach(this::revokeSubject);
    }

    /** Drops entries that can no longer refuse anything: every token they concern has expired. */
    public void prune(long now) {
        sessions.removeExpired(now);
        tokens.removeExpired(now);
        subjects.values().removeIf(notBefore -> notBefore + retentionMillis < now);
    }

    /** Records that the view reflects the database as of {@code at}. */
    public void synced(long at) {
        syncedAt = Math.max(syncedAt, at);
    }

    /** When the view last matched the database (epoch ms). */
    public long syncedAt() {
        return syncedAt;
    }

    /** The number of entries held, for monitoring and benchmarks. */
    public int size() {
        return sessions.size() + tokens.size() + subjects.size();
    }
}
