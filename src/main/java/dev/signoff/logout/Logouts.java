package dev.signoff.logout;

import dev.signoff.auth.AccessTokens;
import dev.signoff.auth.Credential;
import dev.signoff.auth.CredentialSource;
import dev.signoff.auth.Credentials;
import dev.signoff.events.Events;
import dev.signoff.events.LogoutReason;
import dev.signoff.events.LogoutScope;
import dev.signoff.events.SignoffEvent;
import dev.signoff.http.BadRequestException;
import dev.signoff.store.SessionInfo;
import dev.signoff.store.StoreException;
import dev.signoff.store.TokenStore;
import dev.signoff.token.AccessToken;
import dev.signoff.token.Ids;
import dev.signoff.token.InvalidTokenException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Every way a login ends, through the same {@link LogoutSteps}: a logout request ({@link #logout}), the Java API
 * ({@link #endSession}, {@link #endUser}) and refresh-token reuse detection ({@link #endRecordedSession}). After the
 * steps, a logout that ended something is told to the application's listeners. A database failure makes the result
 * {@link LogoutResult#ERROR}, never {@link LogoutResult#SUCCESS}; logging out twice is harmless: the second finds no
 * live login. This class is thread-safe.
 */
public final class Logouts {

    private static final System.Logger LOG = System.getLogger(Logouts.class.getName());

    private final LogoutSteps steps;
    private final AccessTokens tokens;
    private final TokenStore store;
    private final Events events;
    private final Clock clock;

    public Logouts(LogoutSteps steps, AccessTokens tokens, TokenStore store, Events events, Clock clock) {
        this.steps = steps;
        this.tokens = tokens;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** How a logout request identifies its login. */
    public record Identification(Credentials credentials, boolean acceptExpired) {
    }

    /**
     * The logout a request asks for: the login named by its first credential present is ended in {@code scope}, and
     * the HTTP steps do what {@code exchange} says.
     */
    public LogoutOutcome logout(Identification identification, LogoutScope scope, LogoutExchange exchange) {
        Logout logout;
        try {
            logout = identify(identification, scope, exchange);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "the login of a logout could not be read from the database: {0}", e.getMessage());
            logout = new Logout(null, scope, LogoutReason.USER, LogoutResult.ERROR, false, exchange);
        }
        return run(logout).outcome();
    }

    /**
     * Ends one login session: its refresh tokens stop working and so does every access token carrying its id. With a
     * {@code null} session id only {@code accessToken} is revoked.
     *
     * @throws StoreException if the database failed, after every step ran; this node refuses the tokens anyway
     * @throws RuntimeException the failure of another step
     */
    public LogoutOutcome endSession(String subject, String sessionId, AccessToken accessToken, LogoutReason reason) {
        return rethrow(run(new Logout(new Logout.Target(subject, sessionId, accessToken), LogoutScope.SESSION, reason,
                LogoutResult.INVALID, false, null)));
    }

    /**
     * Ends every login session of {@code subject} on every device and node.
     *
     * @throws StoreException if the database failed, after every step ran; this node refuses the tokens anyway
     */
    public LogoutOutcome endUser(String subject, AccessToken accessToken, LogoutReason reason) {
        return rethrow(run(new Logout(new Logout.Target(subject, null, accessToken), LogoutScope.USER, reason,
                LogoutResult.INVALID, false, null)));
    }

    /** A session whose revocation the database already recorded (reuse detection): the remaining steps run for it. */
    public LogoutOutcome endRecordedSession(String subject, String sessionId, LogoutReason reason) {
        return run(new Logout(new Logout.Target(subject, sessionId, null), LogoutScope.SESSION, reason, LogoutResult.INVALID, true,
                null)).outcome();
    }

    /**
     * Ends the login session of a refresh token (RFC 7009 token revocation), whatever state the token is in as long
     * as its session is live; nothing for an unknown token or an ended session.
     *
     * @return whether a live session was ended
     * @throws StoreException if the database failed; a session already found is refused on this node anyway
     */
    public boolean endSessionOfRefreshToken(String refreshToken, LogoutReason reason) {
        Optional<Logout.Target> target = refreshToken(new Credential.RefreshToken(refreshToken, CredentialSource.REFRESH_COOKIE));
        if (target.isEmpty()) {
            return false;
        }
        return !endSession(target.get().subject(), target.get().sessionId(), null, reason).endedSessionIds().isEmpty();
    }

    private Logout run(Logout logout) {
        steps.run(logout);
        if (logout.result() == LogoutResult.SUCCESS && logout.target().isPresent()) {
            events.publish(new SignoffEvent.LoggedOut(logout.subject(), logout.scope(), logout.outcome().endedSessionIds(),
                    logout.reason(), clock.millis()));
        }
        events.publish(attempted(logout));
        return logout;
    }

    /** Every logout, for the audit trail and the counters: its result, and whether its revocation could not be written. */
    private SignoffEvent.LogoutAttempted attempted(Logout logout) {
        LogoutOutcome outcome = logout.outcome();
        List<String> sessionIds = outcome.endedSessionIds();
        String targetSession = logout.target().map(Logout.Target::sessionId).orElse(null);
        if (sessionIds.isEmpty() && targetSession != null) {
            sessionIds = List.of(targetSession);
        }
        boolean revocationFailed = logout.target().isPresent() && logout.firstFailure() instanceof StoreException;
        SignoffEvent.Client client = logout.exchange().map(x -> new SignoffEvent.Client(x.request().getRemoteAddr(),
                x.request().getHeader("User-Agent"))).orElse(SignoffEvent.Client.NONE);
        return new SignoffEvent.LogoutAttempted(logout.subject(), logout.scope(), logout.reason(),
                logout.result().name().toLowerCase(java.util.Locale.ROOT), sessionIds, revocationFailed, client, clock.millis());
    }

    private static LogoutOutcome rethrow(Logout logout) {
        if (logout.firstFailure() != null) {
            throw logout.firstFailure();
        }
        return logout.outcome();
    }

    private Logout identify(Identification identification, LogoutScope scope, LogoutExchange exchange) {
        Optional<Credential> credential;
        try {
            credential = identification.credentials().find(exchange.request());
        } catch (BadRequestException e) {
            LOG.log(System.Logger.Level.DEBUG, "logout with a malformed credential: {0}", e.getMessage());
            return new Logout(null, scope, LogoutReason.USER, LogoutResult.INVALID, false, exchange);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "logout with a credential that cannot be read: {0}", e.toString());
            return new Logout(null, scope, LogoutReason.USER, LogoutResult.INVALID, false, exchange);
        }
        if (credential.isEmpty()) {
            boolean sessionCookieSent = identification.credentials().contains(CredentialSource.SESSION)
                    && exchange.request().getRequestedSessionId() != null;
            return new Logout(null, scope, LogoutReason.USER, sessionCookieSent ? LogoutResult.INVALID : LogoutResult.MISSING, false,
                    exchange);
        }
        Optional<Logout.Target> target;
        try {
            target = target(credential.get(), identification.acceptExpired());
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "checking the credential of a logout failed: {0}", e.toString());
            target = Optional.empty();
        }
        return new Logout(target.orElse(null), scope, LogoutReason.USER, LogoutResult.INVALID, false, exchange);
    }

    /** The live login a credential names, or empty. */
    private Optional<Logout.Target> target(Credential credential, boolean acceptExpired) {
        return switch (credential.kind()) {
            case ACCESS_TOKEN -> accessToken((Credential.AccessToken) credential, acceptExpired);
            case REFRESH_TOKEN -> refreshToken((Credential.RefreshToken) credential);
            case SIGNOFF_SESSION -> {
                Credential.SignoffSession session = (Credential.SignoffSession) credential;
                var login = session.login();
                boolean revoked = tokens.revocations().isLoginRevoked(login.subject(), login.sessionId(), login.authenticatedAt());
                yield revoked ? Optional.empty() : Optional.of(new Logout.Target(login.subject(), login.sessionId(), null));
            }
            case CONTAINER_SESSION -> Optional.of(new Logout.Target(((Credential.ContainerSession) credential).principal().getName(),
                    null, null));
        };
    }

    /**
     * An access token that has not expired and is not revoked names a live login. An expired one (with
     * {@code accept-expired}) names its login only while that login session is still live in the database: once it
     * has ended, the token identifies nothing, whatever the scope.
     */
    private Optional<Logout.Target> accessToken(Credential.AccessToken credential, boolean acceptExpired) {
        AccessToken token;
        try {
            token = tokens.check(credential.token(), acceptExpired);
        } catch (InvalidTokenException e) {
            LOG.log(System.Logger.Level.DEBUG, "logout with a refused {0}: {1}", credential, e.getMessage());
            return Optional.empty();
        }
        if (token.expiresAt() * 1000 <= clock.millis()) {
            boolean live = token.sessionId() != null && store.session(token.sessionId()).filter(SessionInfo::active).isPresent();
            if (!live) {
                LOG.log(System.Logger.Level.DEBUG, "logout with an expired {0} of an ended login", credential);
                return Optional.empty();
            }
        }
        return Optional.of(new Logout.Target(token.subject(), token.sessionId(), token));
    }

    private Optional<Logout.Target> refreshToken(Credential.RefreshToken credential) {
        if (!Ids.isRefreshTokenShaped(credential.token())) {
            return Optional.empty();
        }
        return store.sessionOfRefreshToken(Ids.hash(credential.token()))
                .filter(SessionInfo::active)
                .filter(s -> !tokens.revocations().isLoginRevoked(s.subject(), s.id(), s.createdAt()))
                .map(s -> new Logout.Target(s.subject(), s.id(), null));
    }
}
