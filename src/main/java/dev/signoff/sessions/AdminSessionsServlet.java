package dev.signoff.sessions;

import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.deploy.Component;
import dev.signoff.deploy.Deployment;
import dev.signoff.events.LogoutReason;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.http.RequestBodies;
import dev.signoff.http.Responses;
import dev.signoff.logout.LogoutOutcome;
import dev.signoff.store.StoreException;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Administration of other users' login sessions, mapped at {@code /admin/users/*} after {@code AuthFilter}, for
 * callers with the role named by the init-param {@code role} (default {@code admin}); others get 403
 * {@code {"error":"forbidden",...}}, callers without a credential 401.
 * <ul>
 *   <li>{@code GET /admin/users/{user}/sessions}: the user's live sessions, newest first ({@code current} false);</li>
 *   <li>{@code POST /admin/users/{user}/sessions/{id}/logout}: ends that session; 404 when it is no live session of
 *       the user;</li>
 *   <li>{@code POST /admin/users/{user}/logout}: ends every session of the user on every device and node (after a
 *       password change or a lock), whether or not any is live.</li>
 * </ul>
 * Each logout runs the logout steps with reason {@code ADMIN} and answers 200
 * {@code {"message":"Logged out","sessions":[ids ended]}}. Database down: 503.
 */
public final class AdminSessionsServlet extends HttpServlet implements Component<AdminSessionsServlet.Settings> {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(AdminSessionsServlet.class.getName());

    static final String ROLE = "role";

    private transient Sessions sessions;
    private transient CrossSiteGuard crossSite;
    private transient Settings settings;

    /** The parsed init-params. @param role the role a caller needs ({@code role}, default {@code admin}) */
    public record Settings(String role) {

        public static Settings parse(ConfigSource source) {
            source.rejectUnknown(Set.of(ROLE), null, Set.of());
            return new Settings(new Params(source).role(ROLE, "admin"));
        }
    }

    @Override
    public Settings parseSettings(ConfigSource initParams, CommonSettings common) {
        return Settings.parse(initParams);
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = Deployment.of(config.getServletContext());
        settings = deployment.settings(config, this);
        sessions = deployment.part(Sessions.class);
        crossSite = deployment.common().crossSite();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = SessionPaths.segments(request);
        boolean list = path.length == 2 && "sessions".equals(path[1]);
        boolean endOne = path.length == 4 && "sessions".equals(path[1]) && "logout".equals(path[3]);
        boolean endAll = path.length == 2 && "logout".equals(path[1]);
        if (!list && !endOne && !endAll) {
            SessionAnswers.notFound(response);
            return;
        }
        String method = request.getMethod();
        if (list ? !"GET".equals(method) && !"HEAD".equals(method) : !"POST".equals(method)) {
            Responses.methodNotAllowed(response, list ? "GET, HEAD" : "POST");
            return;
        }
        if (!list) {
            RequestBodies.discard(request);
            if (crossSite.refuses(request, response)) {
                return;
            }
        }
        if (request.getUserPrincipal() == null) {
            SessionAnswers.unauthorized(response);
            return;
        }
        if (!request.isUserInRole(settings.role())) {
            Responses.error(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Requires the role " + settings.role());
            return;
        }
        String user = path[0];
        try {
            if (list) {
                SessionAnswers.list(response, sessions.list(user), null);
            } else if (endAll) {
                LogoutOutcome outcome = sessions.endAll(user, LogoutReason.ADMIN);
                LOG.log(System.Logger.Level.INFO, "{0} ended every session of {1}", request.getUserPrincipal().getName(), user);
                SessionAnswers.loggedOut(response, outcome);
            } else {
                Optional<LogoutOutcome> ended = sessions.end(user, path[2], LogoutReason.ADMIN);
                if (ended.isEmpty()) {
                    SessionAnswers.noSuchSession(response);
                    return;
                }
                SessionAnswers.loggedOut(response, ended.get());
            }
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "the sessions of {0} could not be read or ended: {1}", user, e.getMessage());
            SessionAnswers.unavailable(response);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ending sessions of {0} failed: {1}", user, e.toString());
            SessionAnswers.failed(response);
        }
    }
}
