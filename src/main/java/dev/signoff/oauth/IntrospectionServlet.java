package dev.signoff.oauth;

import dev.signoff.deploy.Deployment;
import dev.signoff.deploy.ParameterlessComponent;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.RequestBodies;
import dev.signoff.http.Responses;
import dev.signoff.store.StoreException;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The RFC 7662 token introspection endpoint, for resource servers: {@code POST} with the form {@code token=...}
 * (and an optional {@code token_type_hint}, not needed), authenticated with HTTP Basic as the client of
 * {@code signoff.introspection.*}. Answers 200 with {@link TokenIntrospection}'s JSON; 401 with
 * {@code WWW-Authenticate: Basic} for missing or wrong client credentials; 400 without a token; 503 when a refresh
 * token could not be looked up; 404 when introspection is not configured. Always {@code Cache-Control: no-store}.
 * Server to server: no cookie is read, so the cross-site rules do not apply. No init-params.
 */
public final class IntrospectionServlet extends HttpServlet implements ParameterlessComponent {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(IntrospectionServlet.class.getName());

    private transient TokenIntrospection introspection;
    private transient IntrospectionSettings client;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = deployment(config);
        introspection = deployment.part(TokenIntrospection.class);
        client = introspection.client().orElse(null);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (client == null) {
            RequestBodies.discard(request);
            Responses.error(response, 404, "not_found", "Token introspection is not configured (signoff.introspection.*)");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "POST");
            return;
        }
        if (!client.authenticates(request.getHeader("Authorization"))) {
            RequestBodies.discard(request);
            LOG.log(System.Logger.Level.DEBUG, "introspection refused: missing or wrong client credentials");
            response.setHeader("WWW-Authenticate", "Basic realm=\"signoff\", charset=\"UTF-8\"");
            Responses.error(response, 401, "invalid_client", "Client authentication failed");
            return;
        }
        String token;
        try {
            Map<String, String> fields = RequestBodies.fields(request);
            token = fields.get("token");
            if (token == null || token.isEmpty()) {
                throw new BadRequestException("token is required");
            }
        } catch (BadRequestException e) {
            Responses.error(response, 400, "invalid_request", e.getMessage());
            return;
        }
        try {
            Responses.json(response, 200, introspection.introspect(token));
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "a refresh token could not be introspected: {0}", e.getMessage());
            Responses.error(response, 503, "temporarily_unavailable", "Introspection is temporarily unavailable");
        }
    }
}
