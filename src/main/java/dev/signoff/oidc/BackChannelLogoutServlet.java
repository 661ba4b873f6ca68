package dev.signoff.oidc;

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
import java.util.Optional;

/**
 * The OpenID Connect Back-Channel Logout 1.0 endpoint (§2.5), called by the OpenID Provider, server to server:
 * {@code POST} with the form {@code logout_token=...}. Answers 200 with an empty body when the token was processed,
 * also when it named no live login; 400 {@code {"error":"invalid_request"}} when it is refused (the reason at debug
 * level); 503 when the database could not record it (the provider may send it again); 404 without
 * {@code signoff.oidc.*}. Always {@code Cache-Control: no-store}. No cookie is read, so the cross-site rules do not
 * apply: the signed token is the request's only credential. No init-params.
 */
public final class BackChannelLogoutServlet extends HttpServlet implements ParameterlessComponent {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(BackChannelLogoutServlet.class.getName());

    private transient BackChannelLogouts receiver;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = deployment(config);
        receiver = deployment.part(Receivers.class).backChannel().orElse(null);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (receiver == null) {
            RequestBodies.discard(request);
            Responses.error(response, 404, "not_found", "Back-channel logout is not configured (signoff.oidc.*)");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "POST");
            return;
        }
        String token;
        try {
            Map<String, String> fields = RequestBodies.fields(request);
            token = fields.get("logout_token");
        } catch (BadRequestException e) {
            LOG.log(System.Logger.Level.DEBUG, "back-channel logout refused: {0}", e.getMessage());
            invalid(response);
            return;
        }
        BackChannelLogouts.Outcome outcome;
        try {
            outcome = receiver.receive(token);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "a back-channel logout could not be recorded: {0}", e.getMessage());
            Responses.error(response, 503, "temporarily_unavailable", "Back-channel logout is temporarily unavailable");
            return;
        }
        if (outcome instanceof BackChannelLogouts.Refused refused) {
            LOG.log(System.Logger.Level.DEBUG, "back-channel logout refused: {0}", refused.reason());
            invalid(response);
            return;
        }
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
    }

    private static void invalid(HttpServletResponse response) throws IOException {
        Responses.json(response, 400, Map.of("error", "invalid_request"));
    }

    /** The receivers Signoff offers its servlets; empty when not configured. */
    public record Receivers(Optional<BackChannelLogouts> backChannel) {
    }
}
