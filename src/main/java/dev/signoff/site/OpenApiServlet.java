package dev.signoff.site;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.deploy.Component;
import dev.signoff.deploy.Deployment;
import dev.signoff.http.Responses;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Serves the OpenAPI 3.1 description of the mapping in use (map it at {@code /openapi.yaml}) as
 * {@code application/yaml} (RFC 9512), to client generators and API gateways. The init-param
 * {@value #DESCRIPTION} names the file in the war (default {@value #DEFAULT_DESCRIPTION}, the default mapping's;
 * each contract names its own {@code /WEB-INF/contracts/NAME.openapi.yaml}). The file is read once at
 * {@code init()}: a missing one fails the deployment. GET and HEAD; anything else 405.
 */
public final class OpenApiServlet extends HttpServlet implements Component<OpenApiServlet.Settings> {

    private static final long serialVersionUID = 1L;

    static final String DESCRIPTION = "description";
    static final String DEFAULT_DESCRIPTION = "/WEB-INF/openapi.yaml";

    private transient Asset description;

    /** The file to serve, a path inside the war ending in {@code .yaml}. */
    public record Settings(String description) {

        public static Settings parse(ConfigSource source) {
            source.rejectUnknown(Set.of(DESCRIPTION), null, Set.of());
            String path = source.get(DESCRIPTION);
            if (path == null) {
                return new Settings(DEFAULT_DESCRIPTION);
            }
            if (!path.startsWith("/") || !path.endsWith(".yaml") || path.contains("..")) {
                throw new ConfigException(DESCRIPTION, "a path inside the war such as " + DEFAULT_DESCRIPTION
                        + ", starting with / and ending in .yaml; got " + path);
            }
            return new Settings(path);
        }
    }

    @Override
    public Settings parseSettings(ConfigSource initParams, CommonSettings common) {
        return Settings.parse(initParams);
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Settings settings = Deployment.of(config.getServletContext()).settings(config, this);
        description = Asset.read(config.getServletContext(), settings.description());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        description.write(request, response);
    }
}
