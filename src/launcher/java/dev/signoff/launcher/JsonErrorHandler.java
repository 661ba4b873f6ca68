package dev.signoff.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server-level error handler: every error Jetty answers itself (431 header fields too large, 400 bad request,
 * 404 outside any context, ...) is written as {@code application/json} {@code {"error":"<snake_case reason>","status":N}}
 * whatever the request's {@code Accept} header, for every method, with no message detail, stack trace or server name.
 *
 * <p>Thread-safe: it holds no per-request state.
 */
public class JsonErrorHandler extends ErrorHandler {

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
        if (!generateAcceptableResponse(request, response, callback, "application/json",
                List.of(StandardCharsets.UTF_8), code, message, cause)) {
            callback.succeeded();
        }
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.write(body(code));
    }

    /** {@code {"error":"request_header_fields_too_large","status":431}}; {@code "error"} for codes without a reason. */
    static String body(int code) {
        return "{\"error\":\"" + reason(code) + "\",\"status\":" + code + "}";
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
