package dev.signoff;

import dev.signoff.auth.HttpSessionLogin;
import dev.signoff.auth.HttpSessionRegistry;
import dev.signoff.auth.HttpSessions;
import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.deploy.Component;
import dev.signoff.deploy.Deployment;
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
import java.util.HashMap;
import java.util.Map;

/**
 * Starts Signoff with the web application and stops it with it. At start it parses every {@code signoff.*}
 * context-param and the init-params of every filter and servlet whose class is a Signoff {@link Component}, so
 * that any bad setting fails the deployment (on Tomcat, Jetty and WildFly alike) with a message naming the
 * parameter, before a single request is served; then it loads the application's listeners and logout steps, opens
 * the database, builds every part ({@link Components}) and publishes them: {@link Signoff} for the application,
 * {@link Deployment} for Signoff's own filters and servlets, which take their parsed settings from it.
 *
 * <p>It also follows the HttpSessions that receive a Signoff login ({@link HttpSessionLogin}), so that a logout on
 * any node invalidates them here as soon as this node learns of it ({@link HttpSessionRegistry}).
 */
public final class SignoffListener implements ServletContextListener, HttpSessionListener, HttpSessionAttributeListener,
        HttpSessionIdListener {

    private static final System.Logger LOG = System.getLogger(SignoffListener.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Map<String, String> contextParams = ConfigSource.contextParams(context);
        try {
            SignoffSettings settings = SignoffSettings.parse(ConfigSource.of("context", Map.of(), contextParams), context.getContextPath());
            Map<String, Object> parsed = new HashMap<>();
            ClassLoader loader = context.getClassLoader();
            parse(context.getFilterRegistrations(), "filter", context, settings.common(), loader, parsed);
            parse(context.getServletRegistrations(), "servlet", context, settings.common(), loader, parsed);
            Components components = Components.start(settings, Clock.systemUTC(), loader, parsed);
            context.setAttribute(Deployment.ATTRIBUTE, components);
            context.setAttribute(Signoff.ATTRIBUTE, components.signoff());
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "Signoff configuration error: {0}", e.getMessage());
            throw new IllegalStateException("Signoff configuration error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Signoff cannot start: {0}", e.getMessage());
            throw new IllegalStateException("Signoff cannot start: " + e.getMessage(), e);
        }
    }

    /** Parses the init-params of each registration whose class is a {@link Component}, keyed by kind and name. */
    private static void parse(Map<String, ? extends Registration> registrations, String kind, ServletContext context,
                              CommonSettings common, ClassLoader loader, Map<String, Object> parsed) {
        for (Map.Entry<String, ? extends Registration> entry : registrations.entrySet()) {
            Component<?> component = component(entry.getValue().getClassName(), loader);
            if (component != null) {
                ConfigSource initParams = ConfigSource.of(kind + " " + entry.getKey(), entry.getValue().getInitParameters(), context);
                parsed.put(Components.key(kind, entry.getKey()), Components.parse(kind, entry.getKey(), initParams, component, common));
            }
        }
    }

    /** An instance of {@code className} made to parse settings, when it is a {@link Component}; else {@code null}. */
    private static Component<?> component(String className, ClassLoader loader) {
        if (className == null) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // not Signoff's: the container reports it
        }
        if (!Component.class.isAssignableFrom(type)) {
            return null;
        }
        try {
            return (Component<?>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " cannot be made to parse its settings: " + e, e);
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
        HttpSessionRegistry registry = registry(event.getSession());
        if (registry != null && HttpSessionLogin.ATTRIBUTE.equals(event.getName())) {
            registry.remove(event.getSession().getId());
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSessionRegistry registry = registry(event.getSession());
        if (registry != null) {
            registry.remove(event.getSession().getId());
        }
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        HttpSessionRegistry registry = registry(event.getSession());
        if (registry != null) {
            registry.renamed(oldSessionId, event.getSession());
        }
    }

    private static void loginStored(HttpSessionBindingEvent event) {
        if (!HttpSessionLogin.ATTRIBUTE.equals(event.getName())) {
            return;
        }
        HttpSession session = event.getSession();
        HttpSessionRegistry registry = registry(session);
        HttpSessionLogin login = HttpSessions.login(session);
        if (registry != null && login != null) {
            registry.add(session, login.subject(), login.sessionId(), login.authenticatedAt());
        }
    }

    private static HttpSessionRegistry registry(HttpSession session) {
        Object components = session.getServletContext().getAttribute(Deployment.ATTRIBUTE);
        return components instanceof Components c ? c.httpSessions() : null;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Object components = context.getAttribute(Deployment.ATTRIBUTE);
        context.removeAttribute(Signoff.ATTRIBUTE);
        context.removeAttribute(Deployment.ATTRIBUTE);
        if (components instanceof Components c) {
            c.close();
        }
    }
}
