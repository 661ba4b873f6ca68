package dev.signoff.sessions;

import dev.signoff.auth.SignoffPrincipal;
import dev.signoff.deploy.Deployment;
import dev.signoff.deploy.ParameterlessComponent;
import dev.signoff.events.LogoutReason;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.http.RequestBodies;
import dev.signoff.http.Responses;
import dev.signoff.logout.LogoutOutcome;
import dev.signoff.store.StoreException;
import dev.signoff.token.Ids;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * The caller's own login sessions (the OWASP "list of active sessions" with remote termination). Mapped at
 * {@code /auth/sessions} and {@code /auth/sessions/*}, after {@code AuthFilter}: any valid credential.
 * <ul>
 *   <li>{@code GET /auth/sessions}: the caller's live sessions, newest first, {@code current} true for the session of
 *       the credential used ({@link SessionAnswers});</li>
 *   <li>{@code POST /auth/sessions/{id}/logout}: ends that session of the caller (the current one too) through the
 *       logout steps, reason {@code USER}; 200 {@code {"message":"Logged out","sessions":[id]}}. An id that is no live
 *       session of the caller is 404, whether or not it is someone else's, and ends nothing. The cookies of the
 *       current session are not cleared: the logout servlet does that.</li>
 * </ul>
 * No credential: 401. Database down: 503. No init-params.
 */
public final class SessionsServlet extends HttpServlet implements ParameterlessComponent {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(SessionsServlet.class.getName());

    private transient Sessions sessions;
    private transient CrossSiteGuard crossSite;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = deployment(config);
        sessions = deployment.part(Sessions.class);
        crossSite = deployment.common().crossSite();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = SessionPaths.segments(request);
        boolean list = path.length == 0;
        boolean logout = path.length == 2 && "logout".equals(path[1]);
        if (!list && !logout) {
            SessionAnswers.notFound(response);
            return;
        }
        String method = request.getMethod();
        if (list ? !"GET".equals(method) && !"HEAD".equals(method) : !"POST".equals(method)) {
            Responses.methodNotAllowed(response, list ? "GET, HEAD" : "POST");
            return;
        }
        if (logout) {
            RequestBodies.discard(request);
            if (crossSite.refuses(request, response)) {
                return;
            }
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            SessionAnswers.unauthorized(response);
            return;
        }
        String current = principal instanceof SignoffPrincipal signoff ? signoff.sessionId() : null;
        try {
            if (list) {
                SessionAnswers.list(response, sessions.list(principal.getName()), current);
                return;
            }
            Optional<LogoutOutcome> ended = sessions.end(principal.getName(), path[0], LogoutReason.USER);
            if (ended.isEmpty()) {
                SessionAnswers.noSuchSession(response);
                return;
            }
            SessionAnswers.loggedOut(response, ended.get());
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "the sessions of {0} could not be read or ended: {1}", principal.getName(), e.getMessage());
            SessionAnswers.unavailable(response);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ending session {0} of {1} failed: {2}", Ids.forLog(path[0]), principal.getName(),
                    e.toString());
            SessionAnswers.failed(response);
        }
    }
}
