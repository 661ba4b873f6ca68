package dev.signoff.fakes;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An HTTP response that records status, headers and body. */
public final class FakeResponse {

    public int status = 200;
    public final Map<String, List<String>> headers = new HashMap<>();
    public final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    public String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    public final HttpServletResponse response = Fakes.proxy(HttpServletResponse.class, Map.of(
            "setStatus", args -> {
                status = (Integer) args[0];
                return null;
            },
            "setHeader", args -> {
                headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                return null;
            },
            "addHeader", args -> {
                headers.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add((String) args[1]);
                return null;
            },
            "setContentType", args -> null,
            "setContentLength", args -> null,
            "getOutputStream", args -> Fakes.output(body)));
}
