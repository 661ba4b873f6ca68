package dev.signoff.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server-level error handler: every error Jetty answers itself, before or outside the web application (431 header
 * fields too large, 400 for a bad URI or framing, 414, 404 outside any context, ...), is written as
 * {@code application/json} {@code {"error":"<code>","message":"<text>"}} with {@code Cache-Control: no-store}, the
 * shape and the codes of Signoff's own error answers, whatever the request's {@code Accept} header, for every method,
 * with no detail from the request, stack trace or server name. The keys are always in that order.
 *
 * <p>Thread-safe: it holds no per-request state.
 */
public class JsonErrorHandler extends ErrorHandler {

    /** Signoff's error codes for the statuses it names (as its {@code ErrorServlet} does); others are derived. */
    private static final Map<Integer, String> CODES = Map.of(
            400, "invalid_request", 401, "unauthorized", 403, "forbidden", 404, "not_found",
            405, "method_not_allowed", 413, "payload_too_large", 415, "unsupported_media_type",
            431, "request_header_fields_too_large", 503, "temporarily_unavailable");

    /** Fixed texts: the container's own message may echo the request. */
    private static final Map<Integer, String> MESSAGES = Map.of(
            400, "The request is malformed (its URI, a header or its framing)",
            413, "The request body is too large",
            414, "The request URI is longer than " + EmbeddedServer.REQUEST_HEADER_SIZE + " bytes",
            431, "The request header fields are larger than " + EmbeddedServer.REQUEST_HEADER_SIZE + " bytes");

    public JsonErrorHandler() {
        withoutDetails(this);
    }

    /** Turns off everything Jetty would add to an error page beyond the status: stacks, causes, origin, message. */
    static void withoutDetails(ErrorHandler handler) {
        handler.setShowStacks(false);
        handler.setShowCauses(false);
        handler.setShowOrigin(false);
        handler.setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        noStore(response);
        if (!generateAcceptableResponse(request, response, callback, "application/json",
                List.of(StandardCharsets.UTF_8), code, message, cause)) {
            callback.succeeded();
        }
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.write(body(code));
    }

    static void noStore(Response response) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    /** {@code {"error":"request_header_fields_too_large","message":"..."}}: error first, then message. */
    static String body(int code) {
        return "{\"error\":\"" + code(code) + "\",\"message\":\"" + message(code) + "\"}";
    }

    /** Signoff's code for {@code status}; else {@code server_error} for 5xx, the reason phrase in snake case for others. */
    static String code(int status) {
        String known = CODES.get(status);
        if (known != null) {
            return known;
        }
        return status >= 500 ? "server_error" : reason(status);
    }

    /** A fixed message for {@code status}, never text from the request. */
    static String message(int status) {
        String known = MESSAGES.get(status);
        if (known != null) {
            return known;
        }
        return status >= 500 ? "The server could not complete the request" : "HTTP " + status;
    }

    /** The standard reason phrase of {@code code} in snake case, such as {@code not_found}. */
    static String reason(int code) {
        HttpStatus.Code known = HttpStatus.getCode(code);
        if (known == null) {
            return "error";
        }
        String snake = known.getMessage().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        snake = snake.replaceAll("^_+|_+$", "");
        return snake.isEmpty() ? "error" : snake;
    }
}
