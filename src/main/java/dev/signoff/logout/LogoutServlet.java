package dev.signoff.logout;

import dev.signoff.Signoff;
import dev.signoff.SignoffSettings;
import dev.signoff.config.ConfigSource;
import dev.signoff.http.CookieSpec;
import dev.signoff.http.CrossSiteGuard;
import dev.signoff.http.RequestBodies;
import dev.signoff.http.Responses;
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

/**
 * Ends a login for good; see {@link Logout} for the steps and {@link LogoutSettings} for the init-params.
 * POST only: any other method is answered 405 with {@code Allow: POST}. Every answer carries
 * {@code Cache-Control: no-store}; a 401 also carries a {@code WWW-Authenticate: Bearer} challenge.
 */
public final class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient LogoutSettings settings;
    private transient Logout logout;
    private transient CrossSiteGuard crossSite;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Signoff signoff = Signoff.get(config.getServletContext());
        settings = LogoutSettings.parse(ConfigSource.of(config), signoff.settings());
        crossSite = signoff.settings().crossSite();
        logout = new Logout(signoff, settings, cookies(settings, signoff.settings(), config.getServletContext()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "POST");
            return;
        }
        RequestBodies.discard(request);
        if (crossSite.refuses(request, response)) {
            return;
        }
        LogoutSettings.Answer answer = switch (logout.perform(request, response)) {
            case SUCCESS -> settings.success();
            case MISSING -> settings.missing();
            case INVALID -> settings.invalid();
            case ERROR -> settings.error();
        };
        if (answer.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + settings.realm() + "\"");
        }
        Responses.json(response, answer.status(), answer.body());
    }

    /** The cookies to clear, each with the attributes it is set with. */
    static List<CookieSpec> cookies(LogoutSettings settings, SignoffSettings signoff, ServletContext context) {
        List<CookieSpec> cookies = new ArrayList<>();
        for (String name : settings.clearCookies()) {
            switch (name) {
                case "access" -> cookies.add(signoff.accessCookie());
                case "refresh" -> cookies.add(signoff.refreshCookie());
                default -> cookies.add(sessionCookie(context));
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
