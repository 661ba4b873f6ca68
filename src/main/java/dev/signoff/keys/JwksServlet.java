package dev.signoff.keys;

import dev.signoff.deploy.Deployment;
import dev.signoff.deploy.ParameterlessComponent;
import dev.signoff.http.Responses;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /.well-known/jwks.json}: the JWK set (RFC 7517 §5) of the public keys that verify Signoff's access tokens
 * (RS256, ES256, EdDSA), each with its {@code kid}, {@code alg} and {@code use}; an empty set with HS256, whose secret
 * is never published. Answered from memory, with {@code Cache-Control: public, max-age=N} ({@link PublishedKeys}) and
 * the media type {@code application/jwk-set+json}. No init-params. GET and HEAD only.
 */
public final class JwksServlet extends HttpServlet implements ParameterlessComponent {

    private static final long serialVersionUID = 1L;

    /** RFC 7517 §8.5.1. */
    static final String MEDIA_TYPE = "application/jwk-set+json";

    private transient PublishedKeys published;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = deployment(config);
        published = deployment.part(PublishedKeys.class);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if (!"GET".equals(request.getMethod()) && !head) {
            Responses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        byte[] body = published.keys().publicJwkSetJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "public, max-age=" + published.maxAge().toSeconds());
        response.setContentType(MEDIA_TYPE + ";charset=UTF-8");
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }
}
