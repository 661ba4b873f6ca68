package dev.signoff.deploy;

import dev.signoff.config.ConfigSource;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;

/**
 * What a running Signoff offers its own filters and servlets in {@code init()}: the settings parsed for their
 * registration at deployment, and the parts they work with, each asked for by its type (a filter asks for the
 * {@code Authenticator}, the logout servlet for the {@code Logouts}, and so on). Published as a servlet context
 * attribute by {@code SignoffListener}. Implementations are thread-safe.
 */
public interface Deployment {

    /** The servlet context attribute under which the running deployment is published. */
    String ATTRIBUTE = Deployment.class.getName();

    /** The part of type {@code type}. @throws IllegalStateException if Signoff has none */
    <T> T part(Class<T> type);

    /** The context-wide settings. */
    CommonSettings common();

    /**
     * The settings parsed at deployment for the registration {@code name} of {@code kind} ("filter", "servlet");
     * a registration added after the deployment started is parsed now.
     */
    <S> S settings(String kind, String name, ConfigSource initParams, Component<S> component);

    default <S> S settings(FilterConfig config, Component<S> component) {
        return settings("filter", config.getFilterName(), ConfigSource.of(config), component);
    }

    default <S> S settings(ServletConfig config, Component<S> component) {
        return settings("servlet", config.getServletName(), ConfigSource.of(config), component);
    }

    /** The running deployment of {@code context}. @throws IllegalStateException naming the missing listener */
    static Deployment of(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof Deployment deployment) {
            return deployment;
        }
        throw new IllegalStateException("Signoff is not running in this web application: add <listener><listener-class>"
                + "dev.signoff.SignoffListener</listener-class></listener> to web.xml");
    }
}
