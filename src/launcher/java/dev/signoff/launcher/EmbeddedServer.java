package dev.signoff.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.Holder;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty server running the war at context path {@code /}: an HTTP/1.1 connector and optionally an HTTPS one
 * (TLS from a PKCS12 key store; {@code request.isSecure()} is true on it), the realm {@value Realm#NAME}, JSON error
 * responses, and a graceful stop (in-flight requests get up to {@value #STOP_TIMEOUT_MS} ms) when the JVM shuts
 * down, e.g. on SIGTERM. The boot class at the war's root ({@value #BOOT_TARGET}) is never served, whatever the
 * deployment descriptor says.
 */
final class EmbeddedServer {

    static final int REQUEST_HEADER_SIZE = 16384;
    static final long STOP_TIMEOUT_MS = 10_000;
    /** Hidden from the web application like Jetty's own classes: the war behaves as in any other container. */
    static final String LAUNCHER_PACKAGE = "dev.signoff.launcher.";
    /** Where the class {@code java -jar} starts sits in the war: files, not content to serve. */
    static final String BOOT_TARGET = "/dev/signoff/boot";

    /**
     * The HTTPS connector.
     *
     * @param keystore a PKCS12 key store with the private key and certificate chain
     * @param password its password; never logged
     */
    record Tls(int port, Path keystore, String password) {

        @Override
        public String toString() {
            return "Tls[port=" + port + ", keystore=" + keystore + "]";
        }
    }

    /** Where Signoff's filters and servlets are. */
    static final String SIGNOFF_PACKAGE = "dev.signoff.";
    /** The web application's servlet context attribute listing the init-params its Signoff components accept. */
    static final String ACCEPTED_NAMES = "dev.signoff.config.accepted-init-params";
    /** Jetty's DefaultServlet reads its init-params from context-params of this prefix first. */
    static final String DEFAULT_SERVLET_PREFIX = "org.eclipse.jetty.servlet.Default.";

    private final Server server;
    private final WebAppContext webapp;
    private final ServerConnector connector;
    private final ServerConnector tlsConnector;
    private final String host;

    private EmbeddedServer(Server server, WebAppContext webapp, ServerConnector connector, ServerConnector tlsConnector,
                           String host) {
        this.server = server;
        this.webapp = webapp;
        this.connector = connector;
        this.tlsConnector = tlsConnector;
        this.host = host;
    }

    /**
     * @param tls                the HTTPS connector, or {@code null} for HTTP only
     * @param descriptor         a deployment descriptor that replaces the war's {@code WEB-INF/web.xml}, or {@code null}
     * @param overrideDescriptor a {@code web.xml}-format file applied after the descriptor, or {@code null}
     * @param componentParams    init-params for Signoff's filters and servlets: each replaces the value of an
     *                           init-param of that name a component declares (the override descriptor gives the same
     *                           names as context-params to the components that do not declare them)
     */
    static EmbeddedServer create(Path war, String host, int port, Tls tls, LoginService loginService,
                                 Path descriptor, Path overrideDescriptor, Map<String, String> componentParams) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("signoff");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(REQUEST_HEADER_SIZE);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServerConnector tlsConnector = null;
        if (tls != null) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(tls.keystore().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(tls.password());
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer());
            tlsConnector = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
            tlsConnector.setHost(host);
            tlsConnector.setPort(tls.port());
            server.addConnector(tlsConnector);
        }

        WebAppContext webapp = new SignoffWebApp(componentParams);
        webapp.setContextPath("/");
        webapp.setWar(war.toString());
        webapp.setParentLoaderPriority(false);
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.getHiddenClassMatcher().add(LAUNCHER_PACKAGE);
        List<String> protectedTargets = new ArrayList<>(Arrays.asList(webapp.getProtectedTargets()));
        protectedTargets.add(BOOT_TARGET);
        webapp.setProtectedTargets(protectedTargets.toArray(new String[0]));
        webapp.setErrorHandler(new JsonErrorPageErrorHandler());
        // Jetty's default servlet lists directories unless told not to; a context-param of the war's own wins
        webapp.setInitParameter(DEFAULT_SERVLET_PREFIX + "dirAllowed", "false");
        webapp.getSecurityHandler().setLoginService(loginService);
        if (descriptor != null) {
            webapp.setDescriptor(descriptor.toUri().toString());
        }
        if (overrideDescriptor != null) {
            webapp.setOverrideDescriptors(List.of(overrideDescriptor.toUri().toString()));
        }

        server.setHandler(new GracefulHandler(webapp));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(STOP_TIMEOUT_MS);
        server.setStopAtShutdown(true);
        return new EmbeddedServer(server, webapp, connector, tlsConnector, host);
    }

    /** Binds the connector and deploys the war; throws whatever made either fail. */
    void start() throws Exception {
        server.start();
    }

    /**
     * The init-param names the web application's Signoff components accept, as they recorded them while starting
     * ({@value #ACCEPTED_NAMES}); empty when none did.
     */
    Set<String> acceptedComponentParams() {
        Object accepted = webapp.getServletContext().getAttribute(ACCEPTED_NAMES);
        Set<String> names = new TreeSet<>();
        if (accepted instanceof Set<?> set) {
            set.forEach(name -> names.add(String.valueOf(name)));
        }
        return names;
    }

    /**
     * {@code " (did you mean NEAREST?); accepted: [...]"} as the web application's own configuration messages say it
     * ({@code dev.signoff.config.ConfigSource.unknownSuffix}), or {@code "; accepted: [...]"} if that cannot be called.
     */
    String unknownSuffix(String name, Set<String> accepted) {
        try {
            Class<?> source = Class.forName("dev.signoff.config.ConfigSource", true, webapp.getClassLoader());
            return (String) source.getMethod("unknownSuffix", String.class, Set.class).invoke(null, name, accepted);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return "; accepted: " + (accepted.isEmpty() ? "none" : accepted);
        }
    }

    /** {@code http://HOST:PORT/} with the port actually bound (useful with port 0). */
    String url() {
        return "http://" + shownHost() + ":" + connector.getLocalPort() + "/";
    }

    /** {@code https://HOST:PORT/} of the HTTPS connector, or {@code null} without one. */
    String httpsUrl() {
        return tlsConnector == null ? null : "https://" + shownHost() + ":" + tlsConnector.getLocalPort() + "/";
    }

    private String shownHost() {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * The web application, where the {@code --set} names without the {@code signoff.} prefix replace the init-params
     * that Signoff's filters and servlets declare in the descriptor: once the descriptors are read, before any
     * listener or component starts (Signoff's listener checks every component's init-params when it starts).
     */
    static final class SignoffWebApp extends WebAppContext {

        private final Map<String, String> componentParams;

        SignoffWebApp(Map<String, String> componentParams) {
            this.componentParams = Map.copyOf(componentParams);
        }

        @Override
        protected void startWebapp() throws Exception {
            ServletHandler handler = getServletHandler();
            for (FilterHolder filter : handler.getFilters()) {
                override(filter);
            }
            for (ServletHolder servlet : handler.getServlets()) {
                override(servlet);
            }
            super.startWebapp();
        }

        private void override(Holder<?> holder) {
            String className = holder.getClassName();
            if (className == null || !className.startsWith(SIGNOFF_PACKAGE)) {
                return;
            }
            componentParams.forEach((name, value) -> {
                if (holder.getInitParameter(name) != null) {
                    holder.setInitParameter(name, value);
                }
            });
        }
    }

    /** Blocks until the server has stopped. */
    void join() throws InterruptedException {
        server.join();
    }

    /** Stops the server, ignoring failures: used after a failed start. */
    void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing; the start failure is what gets reported
        }
    }
}
