package dev.signoff.bench.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * The application every variant serves: a few bytes of text, the same whatever sits in front of it. It counts the
 * requests it answers, so that the server's CPU time can be divided by the requests the server itself served.
 */
public final class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);
    private final LongAdder served = new LongAdder();

    /** Requests answered so far. */
    long served() {
        return served.sum();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
        served.increment();
    }
}
