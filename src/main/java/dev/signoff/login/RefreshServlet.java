package dev.signoff.login;

import dev.signoff.auth.Credential;
import dev.signoff.auth.CredentialResolver;
import dev.signoff.auth.CredentialSource;
import dev.signoff.auth.HttpSessionResolver;
import dev.signoff.auth.HttpSessions;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.deploy.Component;
import dev.signoff.deploy.Deployment;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.http.RequestBodies;
import dev.signoff.http.Responses;
import dev.signoff.events.SignoffEvent;
import dev.signoff.metrics.SignoffMetrics;
import dev.signoff.store.StoreException;
import dev.signoff.token.InvalidTokenException;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Rotates a refresh token: the presented one is consumed and a new access and refresh token are issued in the
 * same login session. POST only. The token comes as JSON {@code {"refresh_token": ...}}, as the OAuth form
 * {@code grant_type=refresh_token&refresh_token=...} (RFC 6749 §6), in the refresh-token cookie, or, with
 * {@code deliver} including {@code session}, from the login kept in the HttpSession (whose id then changes).
 *
 * <p>Init-param {@code deliver}: {@code body} or {@code access-body}, {@code cookies}, {@code session} (see
 * {@link Delivery}; default {@code body}). A refused token (unknown, expired, consumed, revoked session, or a
 * session cookie naming no live login) is answered 401 {@code {"error":"invalid_grant"}}, and a session whose
 * login was refused is invalidated; presenting a consumed token after the grace window also revokes its session
 * (reuse detection). Database down: 503.
 */
public final class RefreshServlet extends HttpServlet implements Component<Delivery> {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(RefreshServlet.class.getName());

    static final Set<String> NAMES = Set.of(Delivery.PARAM);

    private transient Logins logins;
    private transient CrossSiteGuard crossSite;
    private transient Delivery delivery;
    private transient SignoffMetrics metrics;
    private transient CredentialResolver refreshCookie;
    private transient String cookieName;
    private final transient CredentialResolver httpSession = new HttpSessionResolver();

    @Override
    public Delivery parseSettings(ConfigSource initParams, CommonSettings common) {
        initParams.rejectUnknown(NAMES, null, Set.of());
        return Delivery.parse(new Params(initParams), common, List.of("body", "access-body", "cookies", "session"));
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = Deployment.of(config.getServletContext());
        delivery = deployment.settings(config, this);
        logins = deployment.part(Logins.class);
        crossSite = deployment.common().crossSite();
        metrics = deployment.part(SignoffMetrics.class);
        refreshCookie = CredentialSource.REFRESH_COOKIE.resolver(deployment.common());
        cookieName = deployment.common().refreshCookie() == null ? null : deployment.common().refreshCookie().name();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        try {
            refresh(request, response);
        } finally {
            metrics.refreshTimer().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void refresh(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "POST");
            return;
        }
        Presented presented;
        try {
            presented = presented(request);
        } catch (BadRequestException e) {
            Responses.error(response, 400, "invalid_request", e.getMessage());
            return;
        }
        if ((delivery.setsCookies() || !presented.fromBody())
                && crossSite.refuses(request, response)) {
            metrics.crossSiteRefused();
            return;
        }
        SignoffEvent.Client client = new SignoffEvent.Client(request.getRemoteAddr(), request.getHeader("User-Agent"));
        try {
            if (presented.token() == null) {
                logins.refreshRefused(client);
                throw new InvalidTokenException("the session cookie names no live login");
            }
            IssuedTokens tokens = logins.refresh(presented.token(), client);
            delivery.deliver(tokens, request, response, logins.now());
        } catch (InvalidTokenException e) {
            LOG.log(System.Logger.Level.DEBUG, "refresh refused: {0}", e.getMessage());
            if (presented.session() != null) {
                // a login kept in the session that can no longer be refreshed is over: so is the session
                HttpSessions.invalidate(presented.session());
            }
            Responses.error(response, 401, "invalid_grant", "The refresh token is invalid, expired or revoked");
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "refresh could not be recorded: {0}", e.getMessage());
            Responses.error(response, 503, "temporarily_unavailable", "Refresh is temporarily unavailable");
        }
    }

    /**
     * The refresh token presented, and the HttpSession it was kept in when it came from there. {@code token} is
     * {@code null} for a session cookie that names no live login (with {@code deliver=session}).
     */
    private record Presented(String token, HttpSession session, boolean fromBody) {
    }

    private Presented presented(HttpServletRequest request) throws IOException, BadRequestException {
        Map<String, String> fields = RequestBodies.fields(request);
        String grantType = fields.get("grant_type");
        if (grantType != null && !"refresh_token".equals(grantType)) {
            throw new BadRequestException("unsupported grant_type; expected refresh_token");
        }
        String token = fields.get("refresh_token");
        if (token != null && !token.isEmpty()) {
            return new Presented(token, null, true);
        }
        Optional<Credential> cookie = refreshCookie.resolve(request);
        if (cookie.isPresent() && cookie.get() instanceof Credential.RefreshToken refresh) {
            return new Presented(refresh.token(), null, false);
        }
        if (delivery.session()) {
            Optional<Credential> kept = httpSession.resolve(request);
            if (kept.isPresent() && kept.get() instanceof Credential.SignoffSession session && session.login().refreshToken() != null) {
                return new Presented(session.login().refreshToken(), session.session(), false);
            }
            if (request.getRequestedSessionId() != null) {
                return new Presented(null, null, false);
            }
        }
        throw new BadRequestException("no refresh token: send refresh_token in the body" + (cookieName == null ? "" : " or the " + cookieName + " cookie")
                + (delivery.session() ? " or the session cookie of a login" : ""));
    }
}
