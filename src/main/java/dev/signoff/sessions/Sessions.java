package dev.signoff.sessions;

import dev.signoff.events.LogoutReason;
import dev.signoff.logout.LogoutOutcome;
import dev.signoff.logout.LogoutResult;
import dev.signoff.logout.Logouts;
import dev.signoff.revocation.RevocationView;
import dev.signoff.store.SessionDetails;
import dev.signoff.store.TokenStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A user's live login sessions: listing them, ending one or all of them, holding them to
 * {@code signoff.session.max-per-user}, and ending those whose idle timeout or maximum lifetime has passed. Every
 * end goes through {@link Logouts}, so the logout steps run and a {@code LoggedOut} event records the reason. Each
 * operation reads the database: none of them is on the authenticated request path. This class is thread-safe.
 */
public final class Sessions {

    private static final System.Logger LOG = System.getLogger(Sessions.class.getName());
    private static final int BATCH = 200;

    private final TokenStore store;
    private final RevocationView revocations;
    private final Logouts logouts;
    private final SessionSettings settings;
    private final Clock clock;

    public Sessions(TokenStore store, RevocationView revocations, Logouts logouts, SessionSettings settings, Clock clock) {
        this.store = store;
        this.revocations = revocations;
        this.logouts = logouts;
        this.settings = settings;
        this.clock = clock;
    }

    /** The lifetimes and the limit. */
    public SessionSettings settings() {
        return settings;
    }

    /**
     * The live login sessions of {@code subject}, newest first; a session this node has logged out but the database
     * has not recorded yet is left out.
     *
     * @throws dev.signoff.store.StoreException if the database failed
     */
    public List<SessionDetails> list(String subject) {
        long now = clock.millis();
        return store.liveSessions(subject, now, now - settings.maxLifetime().toMillis()).stream()
                .filter(s -> !revocations.isLoginRevoked(subject, s.id(), s.createdAt()))
                .toList();
    }

    /**
     * Ends the session {@code sessionId} if it is a live session of {@code subject}; a session of someone else, or one
     * that has ended, is left alone.
     *
     * @return the outcome, or empty when {@code sessionId} is no live session of {@code subject}
     * @throws dev.signoff.store.StoreException if the database failed; this node refuses the session's tokens anyway
     */
    public Optional<LogoutOutcome> end(String subject, String sessionId, LogoutReason reason) {
        if (sessionId == null || list(subject).stream().noneMatch(s -> s.id().equals(sessionId))) {
            return Optional.empty();
        }
        return Optional.of(logouts.endSession(subject, sessionId, null, reason));
    }

    /**
     * Ends every login session of {@code subject}, on every device and node, without any of the user's tokens.
     *
     * @throws dev.signoff.store.StoreException if the database failed; this node refuses the tokens anyway
     */
    public LogoutOutcome endAll(String subject, LogoutReason reason) {
        return logouts.endUser(subject, null, reason);
    }

    /**
     * Before a login of {@code subject}: with {@code limit-action=refuse}, refuses it when the user already holds the
     * most sessions allowed.
     *
     * @throws SessionLimitException when the login is refused
     */
    public void beforeLogin(String subject) {
        if (!settings.unlimited() && settings.limitAction() == SessionSettings.LimitAction.REFUSE
                && list(subject).size() >= settings.maxPerUser()) {
            throw new SessionLimitException(subject, settings.maxPerUser());
        }
    }

    /**
     * After the login that created {@code newSessionId}: with {@code limit-action=evict-oldest}, ends the oldest live
     * sessions of the user beyond the limit (never the new one), reason {@link LogoutReason#EVICTED}. A failure is
     * logged: the login stands, and the next login evicts again.
     */
    public void afterLogin(String subject, String newSessionId) {
        if (settings.unlimited() || settings.limitAction() != SessionSettings.LimitAction.EVICT_OLDEST) {
            return;
        }
        try {
            List<SessionDetails> live = list(subject);
            // newest first: everything from the limit on is beyond it
            for (SessionDetails old : live.subList(Math.min(settings.maxPerUser(), live.size()), live.size())) {
                if (!old.id().equals(newSessionId)) {
                    logouts.endSession(subject, old.id(), null, LogoutReason.EVICTED);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "evicting the oldest sessions of {0} beyond {1} failed: {2}", subject,
                    settings.maxPerUser(), e.toString());
        }
    }

    /**
     * Ends, through the logout steps, every session that is not revoked but has outlived its idle timeout
     * ({@link LogoutReason#IDLE_TIMEOUT}) or its maximum lifetime ({@link LogoutReason#MAX_LIFETIME}). Run by the purge,
     * before it deletes dead rows.
     *
     * @return how many sessions were ended (by this call: another node's purge may end some first)
     * @throws dev.signoff.store.StoreException if the database failed; the sessions ended before stay ended
     */
    public int endLapsed() {
        int ended = 0;
        List<SessionDetails> lapsed;
        do {
            long now = clock.millis();
            long maxLifetime = settings.maxLifetime().toMillis();
            lapsed = store.lapsedSessions(now, now - maxLifetime, BATCH);
            for (SessionDetails session : lapsed) {
                boolean pastMaxLifetime = session.expiresAt() - session.createdAt() >= maxLifetime || now - session.createdAt() >= maxLifetime;
                LogoutReason reason = pastMaxLifetime ? LogoutReason.MAX_LIFETIME : LogoutReason.IDLE_TIMEOUT;
                if (logouts.endSession(session.subject(), session.id(), null, reason).result() == LogoutResult.SUCCESS) {
                    ended++;
                }
            }
        } while (lapsed.size() == BATCH && !Thread.currentThread().isInterrupted());
        return ended;
    }
}
