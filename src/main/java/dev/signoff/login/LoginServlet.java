package dev.signoff.login;

import dev.signoff.auth.HttpSessions;
import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.deploy.Component;
import dev.signoff.deploy.Deployment;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.http.RequestBodies;
import dev.signoff.http.Responses;
import dev.signoff.sessions.SessionLimitException;
import dev.signoff.events.SignoffEvent;
import dev.signoff.metrics.SignoffMetrics;
import dev.signoff.store.StoreException;
import dev.signoff.throttle.LoginThrottle;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Logs a user in with the container's own realm ({@code HttpServletRequest.login}), so that Tomcat, Jetty and
 * WildFly realms work unchanged, and issues Signoff tokens. POST only; the body is JSON
 * {@code {"username":..., "password":...}} or the same as a form.
 *
 * <p>Init-params: {@code deliver} (see {@link Delivery}; default {@code body}) and {@code roles}: the role
 * names to ask the container about ({@code isUserInRole}), since it cannot list them; default {@code user,admin}.
 * Wrong credentials: 401 {@code {"error":"invalid_credentials"}}. Too many failed logins of the username or from the
 * address ({@link LoginThrottle}): 429 {@code {"error":"too_many_attempts"}} with {@code Retry-After}, the same for
 * unknown and known users. A user at {@code signoff.session.max-per-user} with
 * {@code signoff.session.limit-action=refuse}: 409 {@code {"error":"session_limit","message":...,"limit":N}}.
 * Database down: 503.
 */
public final class LoginServlet extends HttpServlet implements Component<LoginServlet.Settings> {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(LoginServlet.class.getName());

    static final Set<String> NAMES = Set.of(Delivery.PARAM, "roles");

    private transient Logins logins;
    private transient CrossSiteGuard crossSite;
    private transient Settings settings;
    private transient LoginThrottle throttle;
    private transient SignoffMetrics metrics;

    /** The parsed init-params. */
    public record Settings(Delivery delivery, List<String> roles) {

        public static Settings parse(ConfigSource source, CommonSettings signoff) {
            source.rejectUnknown(NAMES, null, Set.of());
            Params params = new Params(source);
            List<String> roles = params.list("roles", List.of("user", "admin"), List.of());
            if (roles.stream().anyMatch(r -> r.contains(" "))) {
                throw new ConfigException("roles", "role names must not contain spaces");
            }
            return new Settings(Delivery.parse(params, signoff, List.of("body", "access-body", "cookies", "session")), roles);
        }
    }

    @Override
    public Settings parseSettings(ConfigSource initParams, CommonSettings common) {
        return Settings.parse(initParams, common);
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = Deployment.of(config.getServletContext());
        settings = deployment.settings(config, this);
        logins = deployment.part(Logins.class);
        crossSite = deployment.common().crossSite();
        throttle = deployment.part(LoginThrottle.class);
        metrics = deployment.part(SignoffMetrics.class);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        try {
            login(request, response);
        } finally {
            metrics.loginTimer().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "POST");
            return;
        }
        if (settings.delivery().setsCookies() && crossSite.refuses(request, response)) {
            metrics.crossSiteRefused();
            return;
        }
        String username;
        String password;
        try {
            Map<String, String> fields = RequestBodies.fields(request);
            username = fields.get("username");
            password = fields.get("password");
            if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
                throw new BadRequestException("username and password are required");
            }
            if (username.length() > 255 || password.length() > 1024) {
                throw new BadRequestException("username or password too long");
            }
        } catch (BadRequestException e) {
            Responses.error(response, 400, "invalid_request", e.getMessage());
            return;
        }
        SignoffEvent.Client client = new SignoffEvent.Client(request.getRemoteAddr(), request.getHeader("User-Agent"));
        try {
            long wait = throttle.retryAfterSeconds(username, client.address());
            if (wait > 0) {
                logins.loginThrottled(username, client, wait);
                response.setHeader("Retry-After", Long.toString(wait));
                Responses.error(response, 429, "too_many_attempts", "Too many failed logins: try again later");
                return;
            }
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "the failed logins of {0} could not be read: {1}", username, e.getMessage());
            Responses.error(response, 503, "temporarily_unavailable", "Login is temporarily unavailable");
            return;
        }
        List<String> granted;
        boolean hadSession = request.getSession(false) != null;
        try {
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
            request.login(username, password);
            granted = settings.roles().stream().filter(request::isUserInRole).toList();
            request.logout();
        } catch (ServletException e) {
            LOG.log(System.Logger.Level.DEBUG, "login of {0} refused by the container realm: {1}", username, e.getMessage());
            discardSessionOfContainerLogin(request, hadSession);
            try {
                throttle.failed(username, client.address());
            } catch (StoreException failure) {
                LOG.log(System.Logger.Level.WARNING, "a failed login of {0} could not be counted: {1}", username, failure.getMessage());
            }
            logins.loginFailed(username, client);
            Responses.error(response, 401, "invalid_credentials", "Invalid username or password");
            return;
        }
        discardSessionOfContainerLogin(request, hadSession);
        try {
            throttle.succeeded(username);
            IssuedTokens tokens = logins.login(username, granted, request.getHeader("User-Agent"), request.getRemoteAddr());
            settings.delivery().deliver(tokens, request, response, logins.now());
        } catch (SessionLimitException e) {
            LOG.log(System.Logger.Level.DEBUG, "login refused: {0}", e.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "session_limit");
            body.put("message", "Too many sessions: log out of another device first");
            body.put("limit", e.limit());
            Responses.json(response, HttpServletResponse.SC_CONFLICT, body);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "login of {0} could not be recorded: {1}", username, e.getMessage());
            Responses.error(response, 503, "temporarily_unavailable", "Login is temporarily unavailable");
        }
    }

    /**
     * Some containers keep the identity of {@code request.login()} in an HttpSession they create for it (WildFly's
     * Elytron does, and the session outlives {@code request.logout()}). Checking a password creates no session in
     * Signoff: one the check created holds nothing Signoff needs, and is ended at once rather than left to time out.
     */
    private static void discardSessionOfContainerLogin(HttpServletRequest request, boolean hadSession) {
        if (hadSession) {
            return;
        }
        HttpSession created = request.getSession(false);
        if (created != null) {
            HttpSessions.invalidate(created);
        }
    }
}
