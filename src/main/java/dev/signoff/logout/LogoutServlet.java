package dev.signoff.logout;

import dev.signoff.auth.Credentials;
import dev.signoff.config.ConfigSource;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.deploy.Component;
import dev.signoff.deploy.Deployment;
import dev.signoff.http.CookieSpec;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.http.RequestBodies;
import dev.signoff.http.Responses;
import dev.signoff.metrics.SignoffMetrics;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a login for good: the first credential present ({@code credentials}) names the login, the
 * {@linkplain LogoutStep logout steps} end it ({@code scope}), and the answer is the one configured for the result
 * ({@link LogoutSettings}), with the cookies the steps decided to clear. POST only: any other method is answered
 * 405 with {@code Allow: POST}. Every answer carries {@code Cache-Control: no-store}; a 401 also carries a
 * {@code WWW-Authenticate: Bearer} challenge.
 */
public final class LogoutServlet extends HttpServlet implements Component<LogoutSettings> {

    private static final long serialVersionUID = 1L;

    private transient LogoutSettings settings;
    private transient Logouts logouts;
    private transient Logouts.Identification identification;
    private transient List<CookieSpec> cookies;
    private transient CrossSiteGuard crossSite;
    private transient SignoffMetrics metrics;

    @Override
    public LogoutSettings parseSettings(ConfigSource initParams, CommonSettings common) {
        return LogoutSettings.parse(initParams, common);
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = Deployment.of(config.getServletContext());
        settings = deployment.settings(config, this);
        logouts = deployment.part(Logouts.class);
        identification = new Logouts.Identification(new Credentials(settings.credentials(), deployment.common()), settings.acceptExpired());
        cookies = cookies(settings, deployment.common(), config.getServletContext());
        crossSite = deployment.common().crossSite();
        metrics = deployment.part(SignoffMetrics.class);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        try {
            logout(request, response);
        } finally {
            metrics.logoutTimer().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "POST");
            return;
        }
        RequestBodies.discard(request);
        if (crossSite.refuses(request, response)) {
            metrics.crossSiteRefused();
            return;
        }
        LogoutOutcome outcome = logouts.logout(identification, settings.scope(),
                new LogoutExchange(request, cookies, settings.clearCookiesOn(), settings.clearSiteDataHeader()));
        answer(outcome, response);
    }

    private void answer(LogoutOutcome outcome, HttpServletResponse response) throws IOException {
        LogoutSettings.Answer answer = switch (outcome.result()) {
            case SUCCESS -> settings.success();
            case MISSING -> settings.missing();
            case INVALID -> settings.invalid();
            case ERROR -> settings.error();
        };
        outcome.setCookieHeaders().forEach(header -> response.addHeader("Set-Cookie", header));
        if (outcome.clearSiteData() != null) {
            response.setHeader("Clear-Site-Data", outcome.clearSiteData());
        }
        if (answer.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + settings.realm() + "\"");
        }
        Responses.json(response, answer.status(), answer.body());
    }

    /** The cookies to clear, each with the attributes it is set with. */
    static List<CookieSpec> cookies(LogoutSettings settings, CommonSettings common, ServletContext context) {
        List<CookieSpec> cookies = new ArrayList<>();
        for (String name : settings.clearCookies()) {
            switch (name) {
                case "access" -> cookies.add(common.accessCookie());
                case "refresh" -> cookies.add(common.refreshCookie());
                case "session" -> cookies.add(sessionCookie(context));
                default -> throw new IllegalStateException("clear-cookies lists " + name);
            }
        }
        return cookies;
    }

    /** The container's session cookie as its {@link SessionCookieConfig} describes it. */
    static CookieSpec sessionCookie(ServletContext context) {
        SessionCookieConfig config = context.getSessionCookieConfig();
        String name = config.getName() != null ? config.getName() : "JSESSIONID";
        String path = config.getPath() != null ? config.getPath()
                : context.getContextPath().isEmpty() ? "/" : context.getContextPath();
        String sameSite = config.getAttribute("SameSite");
        return new CookieSpec(name, path, config.getDomain(), config.isSecure() ? CookieSpec.Secure.ALWAYS : CookieSpec.Secure.AUTO,
                config.isHttpOnly(), sameSite, Duration.ZERO);
    }
}
