package dev.signoff.site;

import dev.signoff.http.Responses;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo page's view of the browser's cookie jar: GET answers the cookies the request carried as
 * {@code {"cookies":[{"name":…,"fingerprint":…}]}}, each value replaced by the first 8 hex digits of its SHA-256,
 * so that the page can show which HttpOnly cookies the browser holds and whether a value changed, without the
 * script ever reading a token. Map it under the refresh cookie's path ({@code /auth/demo/cookies} in the default
 * mapping) so that the browser sends that cookie too. Stateless and thread-safe.
 */
public final class CookieNamesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        List<Map<String, String>> cookies = new ArrayList<>();
        Cookie[] received = request.getCookies();
        if (received != null) {
            for (Cookie cookie : received) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("name", cookie.getName());
                entry.put("fingerprint", fingerprint(cookie.getValue()));
                cookies.add(entry);
            }
        }
        Responses.json(response, HttpServletResponse.SC_OK, Map.of("cookies", cookies));
    }

    static String fingerprint(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
