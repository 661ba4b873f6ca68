package dev.signoff.logout;

import dev.signoff.revocation.PendingRevocations;
import dev.signoff.revocation.RevocationView;
import dev.signoff.store.SessionInfo;
import dev.signoff.store.StoreException;
import dev.signoff.store.TokenStore;
import dev.signoff.token.AccessToken;
import dev.signoff.token.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The revocation: this node's memory first, so that the tokens are refused here at once even if the database then
 * fails, then one database transaction. A failed write is handed to {@link PendingRevocations}, retried until the
 * database takes it, and the step fails with the {@link StoreException} (the result is then
 * {@link LogoutResult#ERROR}). Session scope ends the session (or, without one, the access token presented); user
 * scope ends every login of the user (a per-subject "not before"). Thread-safe.
 */
public final class RevokeStep implements LogoutStep {

    private final TokenStore store;
    private final RevocationView revocations;
    private final PendingRevocations pending;
    private final Clock clock;

    public RevokeStep(TokenStore store, RevocationView revocations, PendingRevocations pending, Clock clock) {
        this.store = store;
        this.revocations = revocations;
        this.pending = pending;
        this.clock = clock;
    }

    @Override
    public void run(Logout logout) {
        Optional<Logout.Target> target = logout.target();
        if (target.isEmpty()) {
            return;
        }
        switch (logout.scope()) {
            case SESSION -> session(logout, target.get());
            case USER -> user(logout, target.get());
        }
    }

    private void session(Logout logout, Logout.Target target) {
        String sessionId = target.sessionId();
        AccessToken accessToken = target.token();
        if (sessionId == null && accessToken == null) {
            // a container login: ending its HttpSession ends it
            logout.revoked(LogoutResult.SUCCESS, List.of());
            return;
        }
        long now = clock.millis();
        if (sessionId != null) {
            revocations.revokeSession(sessionId, now);
        }
        if (accessToken != null) {
            revocations.revokeToken(accessToken.tokenId(), accessToken.expiresAt() * 1000);
        }
        if (logout.recorded()) {
            logout.revoked(LogoutResult.SUCCESS, sessionId == null ? List.of() : List.of(sessionId));
            return;
        }
        TokenStore.RevokedToken token = revoked(accessToken);
        Optional<SessionInfo> before;
        try {
            before = store.revokeSession(sessionId, token, now);
        } catch (StoreException e) {
            pending.add(sessionId != null ? "the logout of session " + Ids.forLog(sessionId)
                            : "the revocation of token " + Ids.forLog(token.jti()),
                    () -> store.revokeSession(sessionId, token, clock.millis()));
            throw e;
        }
        before.ifPresent(session -> logout.subjectFound(session.subject()));
        boolean wasLive = before.map(SessionInfo::active).orElse(accessToken != null);
        boolean sessionEnded = before.map(SessionInfo::active).orElse(false);
        logout.revoked(wasLive ? LogoutResult.SUCCESS : LogoutResult.INVALID, sessionEnded ? List.of(sessionId) : List.of());
    }

    private void user(Logout logout, Logout.Target target) {
        String subject = target.subject();
        long now = clock.millis();
        revocations.revokeSubject(subject, now);
        if (target.token() != null) {
            revocations.revokeToken(target.token().tokenId(), target.token().expiresAt() * 1000);
        }
        if (logout.recorded()) {
            logout.revoked(LogoutResult.SUCCESS, List.of());
            return;
        }
        TokenStore.RevokedToken token = revoked(target.token());
        List<String> ended;
        try {
            ended = store.revokeSubject(subject, token, now);
        } catch (StoreException e) {
            pending.add("the logout of " + subject + " on all devices", () -> store.revokeSubject(subject, token, now, clock.millis()));
            throw e;
        }
        ended.forEach(sid -> revocations.revokeSession(sid, now));
        logout.revoked(LogoutResult.SUCCESS, ended);
    }

    private static TokenStore.RevokedToken revoked(AccessToken token) {
        return token == null ? null : new TokenStore.RevokedToken(token.tokenId(), token.subject(), token.expiresAt() * 1000);
    }

}
