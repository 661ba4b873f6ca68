package dev.signoff.oauth;

import dev.signoff.deploy.Deployment;
import dev.signoff.deploy.ParameterlessComponent;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.CrossSiteGuard;
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
 * The RFC 7009 token revocation endpoint: {@code POST} with the form {@code token=...} and an optional
 * {@code token_type_hint} ({@code access_token} or {@code refresh_token}). 200 with an empty body whether or not
 * the token was live (§2.2); 400 {@code unsupported_token_type} for another hint, {@code invalid_request} without a
 * token; 403 for a cross-site browser request ({@link CrossSiteGuard}); 503 when the database failed. Always
 * {@code Cache-Control: no-store}. Signoff's clients are public (RFC 6749 §2.1): holding the token is the
 * authorization to revoke it. No init-params.
 */
public final class RevocationServlet extends HttpServlet implements ParameterlessComponent {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(RevocationServlet.class.getName());

    private transient TokenRevocation revocation;
    private transient CrossSiteGuard crossSite;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = deployment(config);
        revocation = deployment.part(TokenRevocation.class);
        crossSite = deployment.common().crossSite();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "POST");
            return;
        }
        if (crossSite.refuses(request, response)) {
            return;
        }
        String token;
        try {
            Map<String, String> fields = RequestBodies.fields(request);
            String hint = fields.get("token_type_hint");
            if (hint != null && !TokenRevocation.HINTS.contains(hint)) {
                Responses.error(response, 400, "unsupported_token_type", "token_type_hint is access_token or refresh_token");
                return;
            }
            token = fields.get("token");
            if (token == null || token.isEmpty()) {
                throw new BadRequestException("token is required");
            }
        } catch (BadRequestException e) {
            Responses.error(response, 400, "invalid_request", e.getMessage());
            return;
        }
        try {
            revocation.revoke(token);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "a token revocation could not be recorded: {0}", e.getMessage());
            Responses.error(response, 503, "temporarily_unavailable", "Revocation is temporarily unavailable");
            return;
        }
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
    }
}
