package dev.signoff.site;

import jakarta.servlet.ServletContext;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * One file of the war, read once and answered from memory with its content type and the headers every such
 * answer carries ({@code X-Content-Type-Options: nosniff}, {@code Cache-Control: no-cache}: a browser revalidates,
 * so a new war is seen at once). Immutable and thread-safe.
 */
final class Asset {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "yaml", "application/yaml;charset=UTF-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    private final String path;
    private final String contentType;
    private final byte[] content;

    private Asset(String path, String contentType, byte[] content) {
        this.path = path;
        this.contentType = contentType;
        this.content = content;
    }

    /**
     * Reads {@code path} (such as {@code /WEB-INF/openapi.yaml}) from the war.
     *
     * @throws UnavailableException when the war has no such file or its type is not one Signoff serves; the
     *                              container then fails the deployment (a servlet with {@code load-on-startup})
     */
    static Asset read(ServletContext context, String path) throws UnavailableException {
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (type == null) {
            throw new UnavailableException("not a file type Signoff serves: " + path);
        }
        try (InputStream in = context.getResourceAsStream(path)) {
            if (in == null) {
                throw new UnavailableException("the war has no file " + path);
            }
            return new Asset(path, type, in.readAllBytes());
        } catch (IOException e) {
            throw new UnavailableException("cannot read " + path + " from the war: " + e);
        }
    }

    String path() {
        return path;
    }

    /** Writes the file, or only its headers for {@code HEAD}. */
    void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(content.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(content);
        }
    }
}
