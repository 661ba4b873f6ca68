package dev.signoff.login;

import dev.signoff.events.Events;
import dev.signoff.events.LogoutReason;
import dev.signoff.events.SignoffEvent;
import dev.signoff.logout.Logouts;
import dev.signoff.revocation.RevocationView;
import dev.signoff.sessions.SessionLimitException;
import dev.signoff.sessions.SessionSettings;
import dev.signoff.sessions.Sessions;
import dev.signoff.store.ProviderLogin;
import dev.signoff.store.SessionInfo;
import dev.signoff.store.TokenStore;
import dev.signoff.token.AccessTokenIssuer;
import dev.signoff.token.Ids;
import dev.signoff.token.InvalidTokenException;
import dev.signoff.token.SessionHashes;
import dev.signoff.token.TokenSettings;
import java.time.Clock;
import java.util.Collection;

/**
 * Starts login sessions and rotates their refresh tokens, each one database transaction, then tells the
 * application's listeners. A consumed refresh token presented again after the grace window revokes its whole
 * session in the rotation's transaction, and the rest of the logout steps run for it (reason
 * {@link LogoutReason#REUSE_DETECTED}). A session lives until its idle timeout after the latest login or refresh,
 * never beyond its maximum lifetime ({@link SessionSettings}); a refresh after either ends it through the logout
 * steps ({@link LogoutReason#IDLE_TIMEOUT}, {@link LogoutReason#MAX_LIFETIME}). A login beyond
 * {@code signoff.session.max-per-user} evicts the oldest session or is refused ({@link Sessions}). This class is
 * thread-safe.
 */
public final class Logins {

    private static final System.Logger LOG = System.getLogger(Logins.class.getName());

    private final TokenStore store;
    private final AccessTokenIssuer issuer;
    private final TokenSettings tokens;
    private final RevocationView revocations;
    private final Logouts logouts;
    private final Events events;
    private final Clock clock;
    private final Sessions sessions;
    private final SessionHashes hashes;

    /** @param hashes how the log names a session ({@code signoff.audit.salt}) */
    public Logins(TokenStore store, AccessTokenIssuer issuer, TokenSettings tokens, RevocationView revocations, Logouts logouts,
                  Events events, Clock clock, Sessions sessions, SessionHashes hashes) {
        this.sessions = sessions;
        this.hashes = hashes;
        this.store = store;
        this.issuer = issuer;
        this.tokens = tokens;
        this.revocations = revocations;
        this.logouts = logouts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts a login session for a user the caller has already authenticated, and issues its first tokens.
     *
     * @throws SessionLimitException when the user holds the most sessions allowed and the limit action is {@code refuse}
     */
    public IssuedTokens login(String subject, Collection<String> roles, String userAgent, String address) {
        return login(subject, roles, userAgent, address, null);
    }

    /**
     * {@link #login(String, Collection, String, String)} for a login that continues one at an OpenID Provider:
     * {@code provider} is recorded on the session for back-channel logout ({@code null}: none).
     */
    public IssuedTokens login(String subject, Collection<String> roles, String userAgent, String address, ProviderLogin provider) {
        sessions.beforeLogin(subject);
        long now = clock.millis();
        String refreshToken = Ids.newRefreshToken();
        SessionSettings lifetimes = sessions.settings();
        long sessionEnd = now + Math.min(lifetimes.idleTimeout().toMillis(), lifetimes.maxLifetime().toMillis());
        SessionInfo session = store.createSession(Ids.newId(), subject, roles, userAgent, address, Ids.hash(refreshToken), now,
                sessionEnd, Math.min(sessionEnd, now + tokens.refreshTokenTtl().toMillis()), provider);
        IssuedTokens issued = issue(session, refreshToken);
        events.publish(new SignoffEvent.LoggedIn(subject, session.id(), now, new SignoffEvent.Client(address, userAgent)));
        sessions.afterLogin(subject, session.id());
        return issued;
    }

    /**
     * Exchanges a refresh token for new tokens (rotation).
     *
     * @throws InvalidTokenException when the token is malformed, unknown, expired, consumed or its session is gone
     */
    public IssuedTokens refresh(String refreshToken) throws InvalidTokenException {
        return refresh(refreshToken, SignoffEvent.Client.NONE);
    }

    /**
     * {@link #refresh(String)} for a request from {@code client}; a refusal is told to the listeners
     * ({@link SignoffEvent.RefreshRefused}).
     */
    public IssuedTokens refresh(String refreshToken, SignoffEvent.Client client) throws InvalidTokenException {
        try {
            return rotate(refreshToken, client);
        } catch (InvalidTokenException e) {
            if (e.kind() != InvalidTokenException.Kind.REVOKED) {
                // reuse detection (the one REVOKED refusal here) was told as ReuseDetected: counted once, as that
                refreshRefused(client);
            }
            throw e;
        }
    }

    /** A refresh refused before any token could be checked (a session cookie naming no live login). */
    public void refreshRefused(SignoffEvent.Client client) {
        events.publish(new SignoffEvent.RefreshRefused(null, client, clock.millis()));
    }

    /** A failed login attempt ({@link SignoffEvent.LoginFailed}), for the audit trail and the counters. */
    public void loginFailed(String username, SignoffEvent.Client client) {
        events.publish(new SignoffEvent.LoginFailed(username, client, clock.millis()));
    }

    /** A login attempt answered 429 ({@link SignoffEvent.LoginThrottled}). */
    public void loginThrottled(String username, SignoffEvent.Client client, long retryAfterSeconds) {
        events.publish(new SignoffEvent.LoginThrottled(username, client, retryAfterSeconds, clock.millis()));
    }

    private IssuedTokens rotate(String refreshToken, SignoffEvent.Client client) throws InvalidTokenException {
        if (!Ids.isRefreshTokenShaped(refreshToken)) {
            throw new InvalidTokenException("refresh token is not 43 base64url characters");
        }
        long now = clock.millis();
        String next = Ids.newRefreshToken();
        SessionSettings lifetimes = sessions.settings();
        TokenStore.Rotation rotation = store.rotate(Ids.hash(refreshToken), Ids.hash(next), now,
                tokens.refreshReuseGrace().toMillis(), now + tokens.refreshTokenTtl().toMillis(), lifetimes.idleTimeout().toMillis(),
                lifetimes.maxLifetime().toMillis());
        if (rotation instanceof TokenStore.Lapsed lapsed) {
            SessionInfo ended = lapsed.session();
            LogoutReason reason = lapsed.pastMaxLifetime() ? LogoutReason.MAX_LIFETIME : LogoutReason.IDLE_TIMEOUT;
            logouts.endRecordedSession(ended.subject(), ended.id(), reason);
            throw new InvalidTokenException("session " + Ids.forLog(ended.id()) + " ended: " + reason);
        }
        if (rotation instanceof TokenStore.Refused refused) {
            SessionInfo reused = refused.revokedSession();
            if (reused != null) {
                LOG.log(System.Logger.Level.WARNING, "refresh token reuse: session {0} of {1} revoked", hashes.hash(reused.id()), reused.subject());
                events.publish(new SignoffEvent.ReuseDetected(reused.subject(), reused.id(), client, now));
                logouts.endRecordedSession(reused.subject(), reused.id(), LogoutReason.REUSE_DETECTED);
                throw new InvalidTokenException(InvalidTokenException.Kind.REVOKED, refused.reason());
            }
            throw new InvalidTokenException(refused.reason());
        }
        SessionInfo session = ((TokenStore.Rotated) rotation).session();
        if (revocations.isLoginRevoked(session.subject(), session.id(), session.createdAt())) {
            // a logout on this node that the database has not recorded yet (in progress, or waiting for the database):
            // its write revokes the session and consumes the token just stored
            throw new InvalidTokenException("session " + Ids.forLog(session.id()) + " was logged out on this node before the database knew");
        }
        IssuedTokens issued = issue(session, next);
        events.publish(new SignoffEvent.Refreshed(session.subject(), session.id(), now, client));
        return issued;
    }

    /** The time the tokens just issued count from (epoch ms), for cookie expiry and the HttpSession login. */
    public long now() {
        return clock.millis();
    }

    private IssuedTokens issue(SessionInfo session, String refreshToken) {
        AccessTokenIssuer.Issued access = issuer.issue(session.subject(), session.roles(), session.id());
        return new IssuedTokens(access.token(), tokens.accessTokenTtl().toSeconds(), refreshToken, session.id(),
                session.subject(), session.roles());
    }
}
