package dev.signoff.auth;

import dev.signoff.Signoff;
import dev.signoff.config.ConfigSource;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.http.Responses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Authenticates every request it is mapped over, from memory only (no database query on this path).
 *
 * <p>The first credential found in the configured order decides. A valid one makes
 * {@code getUserPrincipal()}, {@code getRemoteUser()} and {@code isUserInRole()} answer for its user
 * downstream. On a protected path (init-params {@code include}/{@code exclude}) a missing or refused
 * credential is answered 401 with a JSON body and an RFC 6750 {@code WWW-Authenticate: Bearer} challenge
 * ({@code error="invalid_token"} when a credential was sent), a malformed {@code Authorization} header with 400
 * ({@code error="invalid_request"}), and a request arriving while revocations cannot be read from the database
 * for longer than {@code signoff.revocation.max-staleness} with 503. A cookie or HttpSession credential on a
 * cross-site request of an unsafe method ({@link CrossSiteGuard}) authenticates nothing: 403 on a protected path. Elsewhere the request goes on
 * unauthenticated. The precise reason for a refusal goes to the debug log only.
 */
public final class AuthFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(AuthFilter.class.getName());

    /** The request attribute holding the {@link SignoffPrincipal} of an authenticated request. */
    public static final String PRINCIPAL_ATTRIBUTE = SignoffPrincipal.class.getName();

    private transient AuthFilterSettings settings;
    private transient Signoff signoff;
    private transient Authenticator authenticator;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        signoff = Signoff.get(config.getServletContext());
        settings = AuthFilterSettings.parse(ConfigSource.of(config), signoff.settings());
        authenticator = new Authenticator(signoff);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean required = settings.protects(path(request));
        Credential credential;
        try {
            credential = Credential.find(request, settings.credentials(), signoff.settings().accessCookie(), null);
        } catch (BadRequestException e) {
            LOG.log(System.Logger.Level.DEBUG, "malformed credential: {0}", e.getMessage());
            if (required) {
                challenge(response, 400, "invalid_request", Responses.errorBody("invalid_request", e.getMessage()));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (credential == null) {
            if (required) {
                challenge(response, 401, null, settings.unauthorizedBody());
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (credential.source() != CredentialSource.BEARER) {
            String crossSite = signoff.settings().crossSite().refusal(request);
            if (crossSite != null) {
                LOG.log(System.Logger.Level.DEBUG, "cross-site {0} to {1} not authenticated by its {2}: {3}", request.getMethod(),
                        request.getRequestURI(), credential, crossSite);
                if (required) {
                    CrossSiteGuard.refuse(response);
                    return;
                }
                chain.doFilter(request, response);
                return;
            }
        }
        if (required && signoff.revocationsStale()) {
            LOG.log(System.Logger.Level.WARNING, "refusing {0}: revocations could not be read for longer than the staleness bound",
                    request.getRequestURI());
            response.setHeader("Retry-After", "5");
            Responses.error(response, 503, "temporarily_unavailable", "Authentication is temporarily unavailable");
            return;
        }
        Authenticator.Outcome outcome = authenticator.authenticate(credential, request);
        if (outcome instanceof Authenticator.Authenticated authenticated) {
            chain.doFilter(new AuthenticatedRequest(request, authenticated.principal()), response);
        } else if (outcome instanceof Authenticator.ContainerAuthenticated) {
            chain.doFilter(request, response);
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> "refused " + credential + " for " + request.getRequestURI() + ": "
                    + ((Authenticator.Refused) outcome).reason());
            if (required) {
                challenge(response, 401, "invalid_token", settings.unauthorizedBody());
                return;
            }
            chain.doFilter(request, response);
        }
    }

    private void challenge(HttpServletResponse response, int status, String error, String body) throws IOException {
        String challenge = "Bearer realm=\"" + settings.realm() + "\"";
        if (error != null) {
            challenge += ", error=\"" + error + "\"";
        }
        response.setHeader("WWW-Authenticate", challenge);
        Responses.json(response, status, body);
    }

    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }
}
