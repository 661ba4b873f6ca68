package dev.signoff;

import dev.signoff.metrics.SignoffMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import dev.signoff.auth.AccessTokens;
import dev.signoff.events.LogoutReason;
import dev.signoff.login.IssuedTokens;
import dev.signoff.login.Logins;
import dev.signoff.logout.LogoutOutcome;
import dev.signoff.logout.LogoutResult;
import dev.signoff.logout.Logouts;
import dev.signoff.revocation.RevocationView;
import dev.signoff.sessions.SessionLimitException;
import dev.signoff.sessions.Sessions;
import dev.signoff.store.SessionDetails;
import dev.signoff.store.Database;
import dev.signoff.store.ProviderLogin;
import dev.signoff.token.AccessToken;
import dev.signoff.token.InvalidTokenException;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Signoff's public Java API for one web application: log a user in, refresh, authenticate an access token, log out
 * one session or every session of a user. An application with its own login calls it directly:
 *
 * <pre>{@code
 * Signoff signoff = Signoff.get(request.getServletContext());
 * IssuedTokens tokens = signoff.login(user, roles, request.getHeader("User-Agent"), request.getRemoteAddr());
 * }</pre>
 *
 * <p>Authentication is answered from memory (signature, claims, the revocation view); every other operation is one
 * database transaction. A logout goes through the same logout steps as the logout servlet's (without the HTTP
 * ones), updates this node's memory before the database so that the tokens it ends are refused here at once even if
 * the database then fails (the write is then retried until the database takes it), and is told to the
 * application's {@link dev.signoff.events.SignoffEventListener}s once recorded. Other nodes learn of it at their
 * next sync ({@code signoff.revocation.sync-interval}) and, on PostgreSQL, at once.
 *
 * <p>Built once by {@link SignoffListener}; this class is thread-safe.
 */
public final class Signoff implements AutoCloseable {

    /** The servlet context attribute under which the running instance is published. */
    public static final String ATTRIBUTE = Signoff.class.getName();

    private final SignoffSettings settings;
    private final Logins logins;
    private final Logouts logouts;
    private final AccessTokens tokens;
    private final Database database;
    private final RevocationView revocations;
    private final AutoCloseable owner;
    private final Sessions sessions;

    Signoff(SignoffSettings settings, Logins logins, Logouts logouts, AccessTokens tokens, Database database, RevocationView revocations,
            AutoCloseable owner, Sessions sessions) {
        this.sessions = sessions;
        this.settings = settings;
        this.logins = logins;
        this.logouts = logouts;
        this.tokens = tokens;
        this.database = database;
        this.revocations = revocations;
        this.owner = owner;
    }

    /**
     * Starts Signoff outside a web container's deployment (a test, a tool): opens the database, loads the revocations
     * that still matter and starts following other nodes' logouts. {@link #close()} stops it.
     */
    public static Signoff start(SignoffSettings settings, Clock clock) {
        return Components.start(settings, clock, Signoff.class.getClassLoader(), Map.of()).signoff();
    }

    /**
     * {@link #start(SignoffSettings, Clock)}, recording Signoff's meters into the application's own {@code registry}
     * as well.
     */
    public static Signoff start(SignoffSettings settings, Clock clock, MeterRegistry registry) {
        Signoff signoff = start(settings, clock);
        signoff.addMeterRegistry(registry);
        return signoff;
    }

    /**
     * Records Signoff's meters (README.md, "Operations") into the application's own {@code registry} too, from now
     * on: the meters registered so far are added to it at once. Call it once per registry, at start (a
     * {@code ServletContextListener} declared after Signoff's, or a servlet's {@code init()}).
     */
    public void addMeterRegistry(MeterRegistry registry) {
        if (!(owner instanceof Components components)) {
            throw new IllegalStateException("this Signoff keeps no meters");
        }
        components.part(SignoffMetrics.class).addRegistry(registry);
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

    /**
     * Starts a login session for a user the caller has already authenticated, and issues its first tokens. Beyond
     * {@code signoff.session.max-per-user} the oldest session of the user is ended (reason {@code EVICTED}), or, with
     * {@code signoff.session.limit-action=refuse}, the login is refused.
     *
     * @throws SessionLimitException when the login is refused by the limit
     */
    public IssuedTokens login(String subject, Collection<String> roles, String userAgent, String address) {
        return logins.login(subject, roles, userAgent, address);
    }

    /**
     * Starts a login session for a user who logged in at an external OpenID Provider, and issues its first tokens.
     * The provider's {@code iss}, {@code sub} and {@code sid} (from its ID token) are recorded on the session, so that
     * the provider can end it by OpenID Connect Back-Channel Logout ({@code POST /auth/backchannel-logout}): by
     * {@code sid} this session, by {@code sub} every session of the user.
     *
     * <pre>{@code
     * signoff.login(idToken.getSubject(), roles, userAgent, address,
     *         new ProviderLogin(idToken.getIssuer(), idToken.getSubject(), idToken.getStringClaim("sid")));
     * }</pre>
     */
    public IssuedTokens login(String subject, Collection<String> roles, String userAgent, String address, ProviderLogin provider) {
        return logins.login(subject, roles, userAgent, address, provider);
    }

    /**
     * Exchanges a refresh token for new tokens (rotation). A token replayed after the grace window revokes its
     * whole session, here at once and on other nodes at their next sync.
     *
     * @throws InvalidTokenException when the token is malformed, unknown, expired, consumed or its session is gone
     */
    public IssuedTokens refresh(String refreshToken) throws InvalidTokenException {
        return logins.refresh(refreshToken);
    }

    /**
     * Verifies an access token and checks it against the revocation view, without touching the database.
     *
     * @throws InvalidTokenException with the precise reason, for a debug log
     */
    public AccessToken authenticate(String accessToken) throws InvalidTokenException {
        return tokens.authenticate(accessToken);
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
        LogoutOutcome outcome = logouts.endSession(accessToken == null ? null : accessToken.subject(), sessionId, accessToken,
                LogoutReason.USER);
        return outcome.result() == LogoutResult.SUCCESS;
    }

    /**
     * Ends every login session of {@code subject} on every device: every token issued to the user until now
     * is refused, here at once and on other nodes at their next sync.
     *
     * @return the ids of the sessions that were live
     * @throws dev.signoff.store.StoreException if the database failed; this node refuses the tokens anyway
     */
    public List<String> logoutUser(String subject, AccessToken accessToken) {
        return logouts.endUser(subject, accessToken, LogoutReason.USER).endedSessionIds();
    }

    /**
     * The live login sessions of {@code subject}, newest first, as a session list shows them (no token, no hash).
     *
     * @throws dev.signoff.store.StoreException if the database failed
     */
    public List<SessionDetails> sessions(String subject) {
        return sessions.list(subject);
    }

    /**
     * Ends the login session {@code sessionId} of {@code subject} through the logout steps, recording {@code reason}
     * (such as {@link LogoutReason#ADMIN}) in the {@code LoggedOut} event. A session of another user, or one that has
     * ended, is left alone.
     *
     * @return whether {@code sessionId} was a live session of {@code subject} and is now ended
     * @throws dev.signoff.store.StoreException if the database failed; this node refuses the tokens anyway
     */
    public boolean endSession(String subject, String sessionId, LogoutReason reason) {
        return sessions.end(subject, sessionId, reason).map(o -> o.result() == LogoutResult.SUCCESS).orElse(false);
    }

    /**
     * Ends every login session of {@code subject}, on every device and node, without holding any of the user's
     * tokens (after a password change, or a lock), recording {@code reason} in the {@code LoggedOut} event.
     *
     * @return the ids of the sessions that were live
     * @throws dev.signoff.store.StoreException if the database failed; this node refuses the tokens anyway
     */
    public List<String> endAllSessions(String subject, LogoutReason reason) {
        return sessions.endAll(subject, reason).endedSessionIds();
    }

    /** The settings Signoff runs with. */
    public SignoffSettings settings() {
        return settings;
    }

    /** The database, for operations tooling (product, statement count). */
    public Database database() {
        return database;
    }

    /** This node's revocation view, for operations tooling (size). */
    public RevocationView revocations() {
        return revocations;
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
