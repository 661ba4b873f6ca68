package dev.signoff;

import dev.signoff.auth.AuthFilter;
import dev.signoff.auth.AuthFilterSettings;
import dev.signoff.auth.SessionLogin;
import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.login.LoginServlet;
import dev.signoff.login.RefreshServlet;
import dev.signoff.logout.LogoutServlet;
import dev.signoff.logout.LogoutSettings;
import jakarta.servlet.Registration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Starts Signoff with the web application and stops it with it. At start it parses every {@code signoff.*}
 * context-param and the init-params of every Signoff filter and servlet declared in the application, so
 * that any bad setting fails the deployment (on Tomcat, Jetty and WildFly alike) with a message naming the
 * parameter, before a single request is served; then it opens the database and publishes {@link Signoff}.
 *
 * <p>It also follows the HttpSessions that receive a Signoff login ({@link SessionLogin}), so that a logout on
 * any node invalidates them here as soon as this node learns of it
 * ({@link dev.signoff.auth.LoggedInSessions}).
 */
public final class SignoffListener implements ServletContextListener, HttpSessionListener, HttpSessionAttributeListener,
        HttpSessionIdListener {

    private static final System.Logger LOG = System.getLogger(SignoffListener.class.getName());

    private static final Map<String, BiConsumer<ConfigSource, SignoffSettings>> CHECKS = Map.of(
            AuthFilter.class.getName(), AuthFilterSettings::parse,
            LogoutServlet.class.getName(), LogoutSettings::parse,
            LoginServlet.class.getName(), LoginServlet.Settings::parse,
            RefreshServlet.class.getName(), RefreshServlet::settings);

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Map<String, String> contextParams = ConfigSource.contextParams(context);
        try {
            SignoffSettings settings = SignoffSettings.parse(ConfigSource.of("context", Map.of(), contextParams), context.getContextPath());
            check(context.getFilterRegistrations(), "filter", contextParams, settings);
            check(context.getServletRegistrations(), "servlet", contextParams, settings);
            Signoff signoff = Signoff.start(settings, Clock.systemUTC());
            context.setAttribute(Signoff.ATTRIBUTE, signoff);
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "Signoff configuration error: {0}", e.getMessage());
            throw new IllegalStateException("Signoff configuration error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Signoff cannot start: {0}", e.getMessage());
            throw new IllegalStateException("Signoff cannot start: " + e.getMessage(), e);
        }
    }

    private static void check(Map<String, ? extends Registration> registrations, String kind, Map<String, String> contextParams,
                              SignoffSettings settings) {
        for (Map.Entry<String, ? extends Registration> entry : registrations.entrySet()) {
            BiConsumer<ConfigSource, SignoffSettings> check = CHECKS.get(entry.getValue().getClassName());
            if (check == null) {
                continue;
            }
            try {
                check.accept(ConfigSource.of(kind + " " + entry.getKey(), entry.getValue().getInitParameters(), contextParams), settings);
            } catch (ConfigException e) {
                throw new ConfigException(e.parameter(), "in " + kind + " '" + entry.getKey() + "': "
                        + e.getMessage().substring(e.parameter().length() + 2));
            }
        }
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        loginStored(event);
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        loginStored(event);
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        Signoff signoff = running(event.getSession());
        if (signoff != null && SessionLogin.ATTRIBUTE.equals(event.getName())) {
            signoff.loggedInSessions().remove(event.getSession().getId());
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        Signoff signoff = running(event.getSession());
        if (signoff != null) {
            signoff.loggedInSessions().remove(event.getSession().getId());
        }
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        Signoff signoff = running(event.getSession());
        if (signoff != null) {
            signoff.loggedInSessions().renamed(oldSessionId, event.getSession());
        }
    }

    private static void loginStored(HttpSessionBindingEvent event) {
        if (!SessionLogin.ATTRIBUTE.equals(event.getName())) {
            return;
        }
        HttpSession session = event.getSession();
        Signoff signoff = running(session);
        try {
            if (signoff != null && session.getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login) {
                signoff.loggedInSessions().add(session, login.subject(), login.sessionId(), login.authenticatedAt());
            }
        } catch (IllegalStateException invalidated) {
            // the session ended meanwhile
        }
    }

    private static Signoff running(HttpSession session) {
        Object signoff = session.getServletContext().getAttribute(Signoff.ATTRIBUTE);
        return signoff instanceof Signoff s ? s : null;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object signoff = event.getServletContext().getAttribute(Signoff.ATTRIBUTE);
        if (signoff instanceof Signoff) {
            event.getServletContext().removeAttribute(Signoff.ATTRIBUTE);
            ((Signoff) signoff).close();
        }
    }
}
