package dev.signoff.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The web application's error page: every error the container raises (404 for an unknown path, 405 from the
 * default servlet, 500 for an uncaught exception) is answered as JSON, never as an HTML page or a stack trace.
 * Map it as the default {@code <error-page>}, and at {@code /} in place of the container's default servlet:
 * then every path no other servlet serves is a JSON 404 whatever the method, and no server lists the war's
 * directories or serves its files.
 */
public final class ErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ErrorServlet.class.getName());

    private static final Map<Integer, String> CODES = Map.of(
            400, "invalid_request", 401, "unauthorized", 403, "forbidden", 404, "not_found",
            405, "method_not_allowed", 413, "payload_too_large", 415, "unsupported_media_type",
            431, "request_header_fields_too_large", 503, "temporarily_unavailable");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            // mapped at "/" too: every path no other servlet serves, whatever the method; never a directory listing
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", "No such resource");
            return;
        }
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "the connection failed while serving {0}: {1}",
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure.toString());
        } else if (failure instanceof Throwable) {
            LOG.log(System.Logger.Level.ERROR, "unhandled failure serving " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    (Throwable) failure);
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        String error = CODES.getOrDefault(status, status >= 500 ? "server_error" : "error");
        Responses.error(response, status, error, status >= 500 ? "The server could not complete the request" : "HTTP " + status);
    }
}
