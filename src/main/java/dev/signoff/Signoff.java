package dev.signoff;

import dev.signoff.auth.LoggedInSessions;
import dev.signoff.bus.RedisBus;
import dev.signoff.revocation.PendingRevocations;
import dev.signoff.revocation.RevocationListener;
import dev.signoff.revocation.RevocationSync;
import dev.signoff.revocation.RevocationView;
import dev.signoff.store.Database;
import dev.signoff.store.ExpiredRowPurger;
import dev.signoff.store.SessionInfo;
import dev.signoff.store.StoreException;
import dev.signoff.store.TokenStore;
import dev.signoff.token.AccessToken;
import dev.signoff.token.AccessTokenIssuer;
import dev.signoff.token.AccessTokenVerifier;
import dev.signoff.token.Ids;
import dev.signoff.token.InvalidTokenException;
import dev.signoff.token.TokenSettings;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Signoff's engine for one web application, and its public Java API: log a user in, refresh, authenticate an
 * access token, log out one session or every session of a user. The filter and servlets are thin adapters
 * over it; an application with its own login can call it directly:
 *
 * <pre>{@code
 * Signoff signoff = Signoff.get(request.getServletContext());
 * IssuedTokens tokens = signoff.login(user, roles, request.getHeader("User-Agent"), request.getRemoteAddr());
 * }</pre>
 *
 * <p>Authentication is answered from memory (signature, claims, {@link RevocationView}); every other
 * operation is one database transaction, and a logout updates this node's memory before the database so that
 * the tokens it ends are refused here at once, even if the database then fails (the write is then retried until
 * the database takes it: {@link PendingRevocations}). Other nodes' logouts arrive by {@link RevocationSync}
 * every {@code signoff.revocation.sync-interval} and, on PostgreSQL, at once by {@link RevocationListener}; with
 * {@code signoff.revocation.redis-url}, at once by the {@link RedisBus} too.
 *
 * <p>Built once by {@link SignoffListener}; this class is thread-safe.
 */
public final class Signoff implements AutoCloseable {

    /** The servlet context attribute under which the running instance is published. */
    public static final String ATTRIBUTE = Signoff.class.getName();

    private static final System.Logger LOG = System.getLogger(Signoff.class.getName());

    private final SignoffSettings settings;
    private final Clock clock;
    private final Database database;
    private final TokenStore store;
    private final AccessTokenIssuer issuer;
    private final AccessTokenVerifier verifier;
    private final LoggedInSessions loggedInSessions = new LoggedInSessions();
    private final PendingRevocations pending = new PendingRevocations();
    private final RevocationView revocations;
    private final RevocationSync sync;
    private final RevocationListener listener;
    private final ExpiredRowPurger purger;
    private final RedisBus bus;

    private Signoff(SignoffSettings settings, Clock clock, Database database) {
        this.settings = settings;
        this.clock = clock;
        this.database = database;
        this.bus = settings.redis() == null ? null : new RedisBus(settings.redis());
        this.store = new TokenStore(database, settings.notifications(), bus == null ? List.of() : List.of(bus.publisher()));
        TokenSettings tokens = settings.tokens();
        this.issuer = new AccessTokenIssuer(tokens, clock);
        this.verifier = new AccessTokenVerifier(tokens, clock);
        long retention = tokens.accessTokenTtl().plus(tokens.clockSkew()).toMillis();
        this.revocations = new RevocationView(retention, clock.millis(), loggedInSessions);
        long overlap = tokens.clockSkew().toMillis() + 5_000;
        this.sync = new RevocationSync(store, revocations, clock, retention, overlap, pending).start(settings.syncInterval());
        long interval = settings.syncInterval().toMillis();
        this.listener = settings.notifications() && database.isPostgreSql()
                ? new RevocationListener(database, revocations, sync::readNow, Math.max(30_000, 10 * interval)) : null;
        this.purger = settings.purgeInterval().isZero() ? null
                : new ExpiredRowPurger(store, clock, settings.purgeBatchSize(), retention, tokens.clockSkew().toMillis(),
                        tokens.refreshTokenTtl().toMillis() + retention).start(settings.purgeInterval());
        if (bus != null) {
            bus.start(revocations, sync::readNow);
        }
    }

    /** Opens the database, loads the revocations that still matter and starts following other nodes' logouts. */
    public static Signoff start(SignoffSettings settings, Clock clock) {
        Database database = Database.open(settings.database());
        try {
            return new Signoff(settings, clock, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The instance of the web application {@code context}, started by {@link SignoffListener}. */
    public static Signoff get(ServletContext context) {
        Object signoff = context.getAttribute(ATTRIBUTE);
        if (!(signoff instanceof Signoff)) {
            throw new IllegalStateException("Signoff is not running in this web application: add <listener><listener-class>"
                    + SignoffListener.class.getName() + "</listener-class></listener> to web.xml");
        }
        return (Signoff) signoff;
    }

    /** Starts a login session for a user the caller has already authenticated, and issues its first tokens. */
    public IssuedTokens login(String subject, Collection<String> roles, String userAgent, String address) {
        long now = clock.millis();
        String refreshToken = Ids.newRefreshToken();
        SessionInfo session = store.createSession(Ids.newId(), subject, roles, userAgent, address, Ids.hash(refreshToken), now,
                now + settings.tokens().refreshTokenTtl().toMillis());
        return issue(session, refreshToken);
    }

    /**
     * Exchanges a refresh token for new tokens (rotation). A token replayed after the grace window revokes its
     * whole session, here at once and on other nodes at their next sync.
     *
     * @throws InvalidTokenException when the token is malformed, unknown, expired, consumed or its session is gone
     */
    public IssuedTokens refresh(String refreshToken) throws InvalidTokenException {
        if (!Ids.isRefreshTokenShaped(refreshToken)) {
            throw new InvalidTokenException("refresh token is not 43 base64url characters");
        }
        long now = clock.millis();
        String next = Ids.newRefreshToken();
        TokenStore.Rotation rotation = store.rotate(Ids.hash(refreshToken), Ids.hash(next), now,
                settings.tokens().refreshReuseGrace().toMillis(), now + settings.tokens().refreshTokenTtl().toMillis());
        if (rotation instanceof TokenStore.Refused refused) {
            if (refused.revokedSession() != null) {
                revocations.revokeSession(refused.revokedSession().id(), now);
                LOG.log(System.Logger.Level.WARNING, "refresh token reuse: session {0} of {1} revoked",
                        refused.revokedSession().id(), refused.revokedSession().subject());
            }
            throw new InvalidTokenException(refused.reason());
        }
        SessionInfo session = ((TokenStore.Rotated) rotation).session();
        if (revocations.isLoginRevoked(session.subject(), session.id(), session.createdAt())) {
            // a logout on this node that the database has not recorded yet (in progress, or waiting for the database):
            // its write revokes the session and consumes the token just stored
            throw new InvalidTokenException("session " + session.id() + " was logged out on this node before the database knew");
        }
        return issue(session, next);
    }

    /**
     * Verifies an access token and checks it against the revocation view, without touching the database.
     *
     * @throws InvalidTokenException with the precise reason, for a debug log
     */
    public AccessToken authenticate(String accessToken) throws InvalidTokenException {
        return identify(accessToken, false);
    }

    /**
     * Like {@link #authenticate(String)}, but with {@code allowExpired} an expired token whose signature and
     * claims are otherwise valid is accepted: logout uses this to find the session of a token that ran out.
     */
    public AccessToken identify(String accessToken, boolean allowExpired) throws InvalidTokenException {
        AccessToken token = verifier.verify(accessToken, allowExpired);
        if (revocations.isRevoked(token)) {
            throw new InvalidTokenException("token " + token.tokenId() + " of " + token.subject() + " is revoked");
        }
        return token;
    }

    /** The session a refresh token belongs to (one database read); empty for garbage or unknown tokens. */
    public Optional<SessionInfo> sessionOfRefreshToken(String refreshToken) {
        if (!Ids.isRefreshTokenShaped(refreshToken)) {
            return Optional.empty();
        }
        return store.sessionOfRefreshToken(Ids.hash(refreshToken));
    }

    /**
     * Ends one login session: its refresh tokens stop working and so does every access token carrying its id.
     * With a {@code null} session id only {@code accessToken} is revoked.
     *
     * @param accessToken the access token presented, or {@code null}
     * @return whether something live was ended: the session, or, when there is no such session, the access token
     * @throws dev.signoff.store.StoreException if the database failed; this node refuses the tokens anyway
     */
    public boolean logoutSession(String sessionId, AccessToken accessToken) {
        long now = clock.millis();
        if (sessionId != null) {
            revocations.revokeSession(sessionId, now);
        }
        if (accessToken != null) {
            revocations.revokeToken(accessToken.tokenId(), accessToken.expiresAt() * 1000);
        }
        TokenStore.RevokedToken token = revoked(accessToken);
        Optional<SessionInfo> before;
        try {
            before = store.revokeSession(sessionId, token, now);
        } catch (StoreException e) {
            pending.add(sessionId != null ? "the logout of session " + sessionId
                            : "the revocation of token " + (token == null ? null : token.jti()),
                    () -> store.revokeSession(sessionId, token, clock.millis()));
            throw e;
        }
        return before.map(SessionInfo::active).orElse(accessToken != null);
    }

    /**
     * Ends every login session of {@code subject} on every device: every token issued to the user until now
     * is refused, here at once and on other nodes at their next sync.
     *
     * @return the ids of the sessions that were live
     * @throws dev.signoff.store.StoreException if the database failed; this node refuses the tokens anyway
     */
    public List<String> logoutUser(String subject, AccessToken accessToken) {
        long now = clock.millis();
        revocations.revokeSubject(subject, now);
        if (accessToken != null) {
            revocations.revokeToken(accessToken.tokenId(), accessToken.expiresAt() * 1000);
        }
        TokenStore.RevokedToken token = revoked(accessToken);
        List<String> ended;
        try {
            ended = store.revokeSubject(subject, token, now);
        } catch (StoreException e) {
            pending.add("the logout of " + subject + " on all devices", () -> store.revokeSubject(subject, token, now, clock.millis()));
            throw e;
        }
        ended.forEach(sid -> revocations.revokeSession(sid, now));
        return ended;
    }

    /** Whether the revocation view is older than {@code signoff.revocation.max-staleness} (the database is unreachable). */
    public boolean revocationsStale() {
        long bound = settings.maxStaleness().toMillis();
        return bound > 0 && clock.millis() - revocations.syncedAt() > bound;
    }

    public RevocationView revocations() {
        return revocations;
    }

    /** This node's HttpSessions holding a login, invalidated when their login is revoked anywhere. */
    public LoggedInSessions loggedInSessions() {
        return loggedInSessions;
    }

    /** Logouts made on this node that the database has not recorded yet. */
    public int pendingRevocations() {
        return pending.size();
    }

    /** Whether this node hears other nodes' revocations at once (PostgreSQL {@code LISTEN}) right now. */
    public boolean listening() {
        return listener != null && listener.listening();
    }

    /** The Redis revocation bus, when {@code signoff.revocation.redis-url} is set. */
    public Optional<RedisBus> redisBus() {
        return Optional.ofNullable(bus);
    }

    public SignoffSettings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        if (bus != null) {
            bus.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (purger != null) {
            purger.close();
        }
        sync.close();
        database.close();
    }

    private IssuedTokens issue(SessionInfo session, String refreshToken) {
        AccessTokenIssuer.Issued access = issuer.issue(session.subject(), session.roles(), session.id());
        return new IssuedTokens(access.token(), settings.tokens().accessTokenTtl().toSeconds(), refreshToken, session.id(),
                session.subject(), session.roles());
    }

    private static dev.signoff.store.TokenStore.RevokedToken revoked(AccessToken token) {
        return token == null ? null : new TokenStore.RevokedToken(token.tokenId(), token.subject(), token.expiresAt() * 1000);
    }
}
