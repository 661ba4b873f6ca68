package dev.signoff.servers.jetty;

import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link JettyBaseContext} with the Arquillian Jetty adapter. */
public final class JettyBaseExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(WebAppContextProcessor.class, JettyBaseContext.class);
    }
}
