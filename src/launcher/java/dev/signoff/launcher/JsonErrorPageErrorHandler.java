package dev.signoff.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web application's error handler: the {@code <error-page>} mappings of the deployment descriptor work as usual;
 * an error without a mapping is written like {@link JsonErrorHandler} does, instead of Jetty's default HTML page with
 * the servlet's name, the exception and its stack trace.
 *
 * <p>Thread-safe once the web application has started.
 */
public class JsonErrorPageErrorHandler extends ErrorPageErrorHandler {

    public JsonErrorPageErrorHandler() {
        JsonErrorHandler.withoutDetails(this);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        JsonErrorHandler.noStore(response);
        generateAcceptableResponse(request, response, callback, "application/json",
                List.of(StandardCharsets.UTF_8), code, message, cause);
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.write(JsonErrorHandler.body(code));
    }
}
