package dev.signoff.site;

import dev.signoff.http.Responses;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The demo page: {@code /WEB-INF/demo/index.html} at the context root and the page's own files
 * ({@code /WEB-INF/demo/NAME}) at {@code /demo/NAME}. Map it at {@code ""} (the context root exactly, Servlet 6.0
 * §12.2) and at {@code /demo/*}; every other path stays with the error servlet's JSON 404.
 *
 * <p>The page is plain HTML, one stylesheet and one script, all from the war's own origin: every answer carries a
 * strict Content-Security-Policy ({@value #CSP}: no inline script or style, no other origin, no framing), so the
 * page passes the cross-site rules of {@code CrossSiteGuard} by making same-origin requests only. The files are
 * read once at {@code init()}; a war without {@code index.html} fails the deployment. Thread-safe.
 */
public final class DemoPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String DIRECTORY = "/WEB-INF/demo/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private transient Asset page;
    private transient Map<String, Asset> files;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Set<String> paths = config.getServletContext().getResourcePaths(DIRECTORY);
        if (paths == null || !paths.contains(DIRECTORY + "index.html")) {
            throw new UnavailableException("the war has no " + DIRECTORY + "index.html for the demo page");
        }
        Map<String, Asset> read = new HashMap<>();
        for (String path : paths) {
            if (!path.endsWith("/")) {
                read.put(path.substring(DIRECTORY.length()), Asset.read(config.getServletContext(), path));
            }
        }
        page = read.get("index.html");
        files = Map.copyOf(read);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Asset asset = find(request);
        if (asset == null) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", "No such resource");
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        asset.write(request, response);
    }

    /** The context root's page, or a file of the page at {@code /demo/NAME}; {@code null} for anything else. */
    private Asset find(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (servletPath.isEmpty()) {
            return "/".equals(pathInfo) || pathInfo == null ? page : null;
        }
        if (pathInfo == null || pathInfo.length() < 2 || pathInfo.indexOf('/', 1) >= 0) {
            return null;
        }
        String name = pathInfo.substring(1);
        return "index.html".equals(name) ? null : files.get(name);
    }
}
