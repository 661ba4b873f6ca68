package dev.signoff.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small HTTP client over {@link HttpClient} for the integration tests: explicit headers, no cookie jar. Every
 * response from a running {@link SignoffServer} is validated against the OpenAPI description the server serves
 * ({@link OpenApi}).
 */
public final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1 as Signoff's connectors speak it (the JDK default, HTTP/2, would first try an {@code h2c} upgrade). */
    private static final HttpClient CLIENT = newClient().build();

    private Http() {
    }

    /** A response with its body parsed as JSON when it is JSON. */
    public record Response(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + raw.body(), e);
            }
        }

        public String body() {
            return raw.body();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public List<String> setCookies() {
            return raw.headers().allValues("Set-Cookie");
        }

        /** The {@code Set-Cookie} line for {@code name}. */
        public String setCookie(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + setCookies()));
        }

        /** The value a {@code Set-Cookie} gives {@code name}. */
        public String cookieValue(String name) {
            String line = setCookie(name);
            int end = line.indexOf(';');
            return line.substring(name.length() + 1, end < 0 ? line.length() : end);
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null ? null : node.asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.headers().map() + " " + raw.body();
        }
    }

    /** A client builder with the settings every test client shares; add TLS to it for HTTPS. */
    public static HttpClient.Builder newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
    }

    public static Response send(String method, String url, String body, Map<String, String> headers) {
        return send(CLIENT, method, url, body, headers);
    }

    /** Sends with {@code client}, such as one that trusts a test's own TLS certificate. */
    public static Response send(HttpClient client, String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            OpenApi.check(response);
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Sends on a connection used for this request only: the request says {@code Connection: close} (RFC 9112 §9.6),
     * the answer must say it too, and the client then closes the connection instead of pooling it. The answer read is
     * therefore the server's answer to this very request. On a pooled connection, bytes that arrive after an exchange
     * has completed are read as the answer to whichever request the connection carries next; a test that tells a
     * refusal from an acceptance request by request (a forged token answered 200) must not be exposed to that.
     *
     * <p>Needs {@value #ALLOW_CONNECTION_HEADER}{@code =connection} in the test JVM (the failsafe configuration in
     * pom.xml sets it): the JDK client refuses a {@code Connection} header otherwise.
     */
    public static Response sendAlone(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        HttpResponse<String> response = sendAlone(builder);
        return new Response(response.statusCode(), response);
    }

    /** {@link #sendAlone(String, String, String, Map)} for a request built by the caller (repeated headers, ...). */
    public static HttpResponse<String> sendAlone(HttpRequest.Builder request) {
        try {
            request.header("Connection", "close");
        } catch (IllegalArgumentException e) {
            throw new AssertionError("the JDK client refuses the Connection header: run with -D" + ALLOW_CONNECTION_HEADER
                    + "=connection (set by the failsafe configuration in pom.xml)", e);
        }
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            List<String> connection = response.headers().allValues("Connection");
            if (connection.stream().noneMatch(v -> v.equalsIgnoreCase("close"))) {
                throw new AssertionError(built.method() + " " + built.uri() + ": the answer keeps the connection open ("
                        + connection + "), so it could be reused: " + response.statusCode() + " " + response.body());
            }
            OpenApi.check(response);
            return response;
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The JDK property that lets {@link #sendAlone} set {@code Connection}, a header the JDK client restricts. */
    public static final String ALLOW_CONNECTION_HEADER = "jdk.httpclient.allowRestrictedHeaders";

    public static Response get(String url, Map<String, String> headers) {
        return send("GET", url, null, headers);
    }

    public static Response post(String url, String body, Map<String, String> headers) {
        return send("POST", url, body, headers);
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    public static Map<String, String> cookie(String cookies) {
        return Map.of("Cookie", cookies);
    }

    /** A JSON login body. */
    public static String credentials(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }
}
