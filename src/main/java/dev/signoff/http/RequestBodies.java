package dev.signoff.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the small bodies of login and refresh requests: a JSON object or an
 * {@code application/x-www-form-urlencoded} form, at most {@link #MAX_BYTES} bytes, as a flat map of strings.
 * Anything else, and a body that cannot be read completely (shorter than its {@code Content-Length}, or the
 * client gone), is a {@link BadRequestException}.
 */
public final class RequestBodies {

    private static final System.Logger LOG = System.getLogger(RequestBodies.class.getName());

    /** The largest body read: 16 KiB. A larger one is answered 400. */
    public static final int MAX_BYTES = 16 * 1024;

    private RequestBodies() {
    }

    /** The fields of the body; an empty body gives an empty map. */
    public static Map<String, String> fields(HttpServletRequest request) throws BadRequestException {
        byte[] body = read(request);
        if (body.length == 0) {
            return Map.of();
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return form(new String(body, StandardCharsets.UTF_8));
        }
        if (!type.isEmpty() && !type.startsWith("application/json") && !type.contains("+json")) {
            throw new BadRequestException("expected a JSON object or a form, not " + request.getContentType());
        }
        JsonNode node;
        try {
            node = Responses.JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("the body is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new BadRequestException("expected a JSON object");
        }
        Map<String, String> fields = new HashMap<>();
        var iterator = node.fields();
        while (iterator.hasNext()) {
            var field = iterator.next();
            if (field.getValue().isTextual()) {
                fields.put(field.getKey(), field.getValue().textValue());
            } else if (!field.getValue().isNull()) {
                throw new BadRequestException("the field " + field.getKey() + " must be a string");
            }
        }
        return fields;
    }

    /**
     * Reads and drops a body the endpoint has no use for (up to {@link #MAX_BYTES}), so that the connection can
     * carry the client's next request: a server answering before the body has arrived may otherwise close it.
     */
    public static void discard(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            in.readNBytes(MAX_BYTES);
        } catch (IOException | RuntimeException e) {
            // a body that cannot be read is no reason to refuse a logout
        }
    }

    private static byte[] read(HttpServletRequest request) throws BadRequestException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw new BadRequestException("the body is larger than " + MAX_BYTES + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            // shorter than its Content-Length, cut off, or timed out: the client's doing, not the server's
            LOG.log(System.Logger.Level.DEBUG, "the request body could not be read: {0}", e.toString());
            throw new BadRequestException("the body could not be read completely");
        }
        if (body.length > MAX_BYTES) {
            throw new BadRequestException("the body is larger than " + MAX_BYTES + " bytes");
        }
        if (declared >= 0 && body.length != declared) {
            throw new BadRequestException("the body is shorter than its Content-Length");
        }
        return body;
    }

    private static Map<String, String> form(String body) throws BadRequestException {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (fields.putIfAbsent(key, value) != null) {
                    throw new BadRequestException("the form field " + key + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("the form is not correctly URL-encoded");
            }
        }
        return fields;
    }
}
