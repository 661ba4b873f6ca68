package dev.signoff.deploy;

import dev.signoff.config.ConfigSource;

/**
 * A filter or servlet of Signoff whose init-params are parsed once, when the web application is deployed, so that
 * a bad value fails the deployment before any request is served. {@code SignoffListener} finds every filter and
 * servlet registration whose class implements this interface, makes an instance of the class for the purpose (its
 * public no-argument constructor must do nothing else), parses, and keeps the result under the registration's
 * name; the container's own instance then takes it in {@code init()} from {@link Deployment#settings}. A new
 * endpoint needs nothing more than implementing this interface.
 *
 * @param <S> the immutable settings of the component
 */
public interface Component<S> {

    /**
     * @param initParams the registration's init-params (with the context-params for error messages)
     * @param common     the context-wide settings the component may depend on
     * @throws dev.signoff.config.ConfigException naming the parameter
     */
    S parseSettings(ConfigSource initParams, CommonSettings common);
}
