package dev.signoff.login;

import dev.signoff.IssuedTokens;
import dev.signoff.Signoff;
import dev.signoff.SignoffSettings;
import dev.signoff.auth.SessionLogin;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.CookieSpec;
import dev.signoff.http.RequestBodies;
import dev.signoff.http.Responses;
import dev.signoff.store.StoreException;
import dev.signoff.token.InvalidTokenException;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
public final class RefreshServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(RefreshServlet.class.getName());

    static final Set<String> NAMES = Set.of(Delivery.PARAM);

    private transient Signoff signoff;
    private transient Delivery delivery;

    /** Parses and checks the init-params. */
    public static Delivery settings(ConfigSource source, SignoffSettings signoff) {
        source.rejectUnknown(NAMES, null, Set.of());
        return Delivery.parse(new Params(source), signoff, List.of("body", "access-body", "cookies", "session"));
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        signoff = Signoff.get(config.getServletContext());
        delivery = settings(ConfigSource.of(config), signoff.settings());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
                && signoff.settings().crossSite().refuses(request, response)) {
            return;
        }
        try {
            if (presented.token() == null) {
                throw new InvalidTokenException("the session cookie names no live login");
            }
            IssuedTokens tokens = signoff.refresh(presented.token());
            delivery.deliver(tokens, request, response, signoff.clock().millis());
        } catch (InvalidTokenException e) {
            LOG.log(System.Logger.Level.DEBUG, "refresh refused: {0}", e.getMessage());
            if (presented.session() != null) {
                endSession(presented.session());
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
        CookieSpec cookie = signoff.settings().refreshCookie();
        if (cookie != null && request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (cookie.name().equals(c.getName()) && c.getValue() != null && !c.getValue().isEmpty()) {
                    return new Presented(c.getValue(), null, false);
                }
            }
        }
        if (delivery.session()) {
            HttpSession session = request.getSession(false);
            Object login = session == null ? null : sessionLogin(session);
            if (login instanceof SessionLogin kept && kept.refreshToken() != null) {
                return new Presented(kept.refreshToken(), session, false);
            }
            if (request.getRequestedSessionId() != null) {
                return new Presented(null, null, false);
            }
        }
        throw new BadRequestException("no refresh token: send refresh_token in the body" + (cookie == null ? "" : " or the " + cookie.name() + " cookie")
                + (delivery.session() ? " or the session cookie of a login" : ""));
    }

    private static Object sessionLogin(HttpSession session) {
        try {
            return session.getAttribute(SessionLogin.ATTRIBUTE);
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** A login kept in the session that can no longer be refreshed is over: so is the session. */
    private static void endSession(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            LOG.log(System.Logger.Level.DEBUG, "HttpSession was already invalid");
        }
    }
}
