package dev.signoff.oauth;

import dev.signoff.deploy.Deployment;
import dev.signoff.http.Responses;
import dev.signoff.login.RefreshServlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8414 authorization server metadata ({@code GET /.well-known/oauth-authorization-server}): {@code issuer} (the
 * tokens' {@code iss}, {@code signoff.issuer}) and, as absolute URLs of the request's own origin and context path,
 * {@code jwks_uri} ({@value #JWKS_PATH}), {@code token_endpoint} (refresh), {@code revocation_endpoint} and, where
 * introspection is configured, {@code introspection_endpoint}. The endpoints' paths are the deployment's own servlet
 * mappings (the first exact mapping of the registration of {@link RefreshServlet}, {@link RevocationServlet},
 * {@link IntrospectionServlet}), read once in {@code init()}; an endpoint not mapped is left out. Thread-safe.
 */
public final class AuthorizationServerMetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the JWK set is published. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    private transient String issuer;
    private transient Map<String, String> paths;
    private transient boolean introspection;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Deployment deployment = Deployment.of(config.getServletContext());
        issuer = deployment.common().tokens().issuer();
        introspection = deployment.part(TokenIntrospection.class).client().isPresent();
        ServletContext context = config.getServletContext();
        Map<String, String> found = new LinkedHashMap<>();
        found.put("jwks_uri", JWKS_PATH);
        put(found, "token_endpoint", mapping(context, RefreshServlet.class));
        put(found, "revocation_endpoint", mapping(context, RevocationServlet.class));
        if (introspection) {
            put(found, "introspection_endpoint", mapping(context, IntrospectionServlet.class));
        }
        paths = Map.copyOf(found);
    }

    private static void put(Map<String, String> paths, String name, String path) {
        if (path != null) {
            paths.put(name, path);
        }
    }

    /** The first exact path a servlet of {@code type} is mapped to, or {@code null}. */
    static String mapping(ServletContext context, Class<?> type) {
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            if (type.getName().equals(registration.getClassName())) {
                for (String pattern : registration.getMappings().stream().sorted().toList()) {
                    if (pattern.startsWith("/") && !pattern.contains("*")) {
                        return pattern;
                    }
                }
            }
        }
        return null;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        String base = origin(request) + request.getContextPath();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        for (String name : List.of("jwks_uri", "token_endpoint", "revocation_endpoint", "introspection_endpoint")) {
            if (paths.containsKey(name)) {
                metadata.put(name, base + paths.get(name));
            }
        }
        metadata.put("grant_types_supported", List.of("refresh_token"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        if (introspection) {
            metadata.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        }
        Responses.json(response, 200, metadata);
    }

    /** {@code scheme://host[:port]} as the client addressed this server. */
    private static String origin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443) || port <= 0;
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
