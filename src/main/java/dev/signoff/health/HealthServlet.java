package dev.signoff.health;

import dev.signoff.deploy.Deployment;
import dev.signoff.deploy.ParameterlessComponent;
import dev.signoff.http.Responses;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The probes of a load balancer or Kubernetes, unauthenticated, revealing no configuration:
 * {@code GET /health} (liveness) answers 200 {@code {"status":"UP"}} while the application runs; {@code GET
 * /health/ready} (readiness, any path ending in {@code /ready}) answers 200 {@code {"status":"UP"}} when the database
 * answers and the revocation view is fresh ({@link Readiness}), else 503 {@code {"status":"DOWN","reason":...}}
 * with {@code reason} {@code database_unreachable} or {@code revocations_stale}. No init-params.
 */
public final class HealthServlet extends HttpServlet implements ParameterlessComponent {

    private static final long serialVersionUID = 1L;
    private static final String UP = Responses.toJson(Map.of("status", "UP"));

    private transient Readiness readiness;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = deployment(config);
        readiness = deployment.part(Readiness.class);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        String path = request.getRequestURI();
        if (path == null || !path.endsWith("/ready")) {
            Responses.json(response, 200, UP);
            return;
        }
        Readiness.Reason reason = readiness.check();
        if (reason == null) {
            Responses.json(response, 200, UP);
        } else {
            Responses.json(response, 503, "{\"status\":\"DOWN\",\"reason\":\"" + reason.external() + "\"}");
        }
    }
}
