package dev.signoff.http;

import dev.signoff.config.ConfigException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses cross-site requests to endpoints that a browser would authenticate by itself (cookie or HttpSession
 * credentials) or whose answer sets cookies: the defence against cross-site request forgery, login CSRF and
 * forced logout. It reads the headers browsers send and pages cannot forge, as the Fetch Metadata
 * specification and the OWASP CSRF cheat sheet describe:
 * <ol>
 *   <li>a safe method ({@code GET}, {@code HEAD}, {@code OPTIONS}) is never refused: it must change nothing;</li>
 *   <li>an {@code Origin} listed in {@code signoff.allowed-origins} is allowed;</li>
 *   <li>{@code Sec-Fetch-Site: cross-site} is refused;</li>
 *   <li>an {@code Origin} other than the request's own ({@code Origin}'s host and port equal to the {@code Host}
 *       header) is refused, {@code Origin: null} included;</li>
 *   <li>a request with neither header (curl, a server calling another) is allowed: no browser sent it.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class CrossSiteGuard {

    /** The context-param listing further origins allowed to call, comma-separated; default none. */
    public static final String ALLOWED_ORIGINS = "signoff.allowed-origins";

    private static final System.Logger LOG = System.getLogger(CrossSiteGuard.class.getName());

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> allowedOrigins;

    private CrossSiteGuard(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** A guard that allows only same-origin browser requests. */
    public static CrossSiteGuard sameOriginOnly() {
        return new CrossSiteGuard(Set.of());
    }

    /**
     * Parses {@code signoff.allowed-origins}: {@code null} or blank allows none, else comma-separated origins
     * ({@code scheme://host[:port]}, no path, no trailing slash).
     *
     * @throws ConfigException naming the parameter for a value that is not an origin
     */
    public static CrossSiteGuard parse(String allowedOrigins) {
        Set<String> origins = new LinkedHashSet<>();
        if (allowedOrigins != null) {
            for (String item : allowedOrigins.split(",")) {
                String origin = item.strip();
                if (!origin.isEmpty()) {
                    origins.add(checkedOrigin(origin));
                }
            }
        }
        return new CrossSiteGuard(origins);
    }

    private static String checkedOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return origin.toLowerCase(Locale.ROOT);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(ALLOWED_ORIGINS, "expected origins such as https://app.example.com (scheme, host and "
                + "optional port; no path or trailing slash), separated by commas, but '" + origin + "' is not one");
    }

    /**
     * Why {@code request} is refused as cross-site, for the debug log; {@code null} when it may go on.
     */
    public String refusal(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return null;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && allowedOrigins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            return null;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && "cross-site".equalsIgnoreCase(site.strip())) {
            return "Sec-Fetch-Site: cross-site";
        }
        if (origin != null && !isOwnOrigin(origin.strip(), request.getHeader("Host"))) {
            return "Origin is neither this server's nor one of " + ALLOWED_ORIGINS;
        }
        return null;
    }

    /** Whether {@code origin}'s host and port are the {@code Host} the browser addressed. */
    private static boolean isOwnOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        return origin.substring(scheme + 3).equalsIgnoreCase(host.strip());
    }

    /**
     * For an endpoint: refuses {@code request} (403, see {@link #refuse}) when it is cross-site and carries no
     * {@code Authorization} header. A request with one is no forgery: a page cannot add that header to another
     * site's request without that site's consent (CORS), and a browser never adds it by itself.
     *
     * @return whether the request was refused and answered
     */
    public boolean refuses(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getHeader("Authorization") != null) {
            return false;
        }
        String refusal = refusal(request);
        if (refusal == null) {
            return false;
        }
        LOG.log(System.Logger.Level.DEBUG, "cross-site {0} to {1} refused: {2}", request.getMethod(), request.getRequestURI(), refusal);
        refuse(response);
        return true;
    }

    /** Answers a refused request: 403 with a JSON body, and nothing else (no cookie is set or cleared). */
    public static void refuse(HttpServletResponse response) throws IOException {
        Responses.error(response, 403, "cross_site_request", "Cross-site requests are not accepted here");
    }

    @Override
    public String toString() {
        return "CrossSiteGuard" + allowedOrigins;
    }
}
