package dev.signoff.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes Signoff's answers: JSON bodies, never cached. Every error body Signoff writes itself has the shape
 * {@code {"error":"<code>","message":"<text>"}} unless configuration gives another one.
 */
public final class Responses {

    /** Shared, thread-safe JSON mapper. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    /**
     * Writes {@code json} (already serialised) with {@code status}. The body stays in the container's buffer until
     * the servlet returns, so the container frames it: an answer given before the request's body has arrived (a
     * refusal) is then sent with {@code Connection: close} where the container will not wait for that body. A
     * {@code Content-Length} set here would commit the answer at once, and the connection would be closed without
     * the client being told.
     */
    public static void json(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Serialises {@code value} (a map, list, record or scalar) and writes it. */
    public static void json(HttpServletResponse response, int status, Object value) throws IOException {
        json(response, status, toJson(value));
    }

    /** Writes {@code {"error":error,"message":message}}, in that order. */
    public static void error(HttpServletResponse response, int status, String error, String message) throws IOException {
        json(response, status, errorBody(error, message));
    }

    /** {@code {"error":error,"message":message}}, in that order. */
    public static String errorBody(String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return toJson(body);
    }

    /** 405 with {@code Allow}. */
    public static void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed", "Use " + allow);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value.getClass().getName(), e);
        }
    }
}
