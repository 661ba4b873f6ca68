package dev.signoff.metrics;

import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.deploy.Component;
import dev.signoff.deploy.Deployment;
import dev.signoff.http.Responses;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /metrics}: every meter in the Prometheus text exposition format (version 0.0.4). Answered only to a
 * loopback caller (127.0.0.0/8, ::1) unless the init-param {@code role} names a role whose members may read it from
 * anywhere (authenticated by Signoff's filter or the container); anyone else gets 403 {@code {"error":"forbidden"}}.
 *
 * <p>Init-param {@code trusted-proxies} (comma-separated addresses, default none): a request arriving from one of
 * them is judged by the last address of its {@code X-Forwarded-For} header instead, as when a reverse proxy on the
 * same host forwards every caller: the proxy's own loopback address then grants nothing.
 */
public final class MetricsServlet extends HttpServlet implements Component<MetricsServlet.Settings> {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(MetricsServlet.class.getName());

    static final Set<String> NAMES = Set.of("role", "trusted-proxies");

    private transient Settings settings;
    private transient PrometheusMeterRegistry prometheus;

    /**
     * @param role           the role that may read the metrics from any address, or {@code null} for loopback only
     * @param trustedProxies the addresses whose {@code X-Forwarded-For} names the caller
     */
    public record Settings(String role, List<String> trustedProxies) {

        public Settings {
            trustedProxies = List.copyOf(trustedProxies);
        }

        static Settings parse(ConfigSource source) {
            source.rejectUnknown(NAMES, null, Set.of());
            Params params = new Params(source);
            return new Settings(params.role("role", null), params.list("trusted-proxies", List.of(), List.of()));
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
        prometheus = deployment.part(PrometheusMeterRegistry.class);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        String caller = Callers.address(request, settings.trustedProxies());
        boolean allowed = Callers.isLoopback(caller) || settings.role() != null && request.isUserInRole(settings.role());
        if (!allowed) {
            LOG.log(System.Logger.Level.DEBUG, "metrics refused to {0}", caller);
            Responses.error(response, 403, "forbidden", "The metrics are not available to this caller");
            return;
        }
        response.setStatus(200);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try (OutputStream out = response.getOutputStream()) {
            prometheus.scrape(out);
        }
    }
}
