package dev.signoff.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.RequestBodies;
import dev.signoff.token.Ids;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * The login and refresh bodies ({@link RequestBodies#fields}) as JSON, as a form and under any content type; and the
 * refresh-token shape check the refresh endpoint applies to what it finds there. The only refusal is a
 * {@link BadRequestException}; anything else escaping is a finding.
 */
class RequestBodiesFuzzTest {

    @FuzzTest
    void json(FuzzedDataProvider data) {
        read(data.consumeBoolean() ? "application/json" : "application/json; charset=UTF-8", data.consumeRemainingAsBytes());
    }

    @FuzzTest
    void form(FuzzedDataProvider data) {
        read("application/x-www-form-urlencoded", data.consumeRemainingAsBytes());
    }

    @FuzzTest
    void anyContentType(FuzzedDataProvider data) {
        String type = data.consumeBoolean() ? null : data.consumeString(60);
        read(type, data.consumeRemainingAsBytes());
    }

    private static void read(String contentType, byte[] body) {
        Map<String, String> fields;
        try {
            fields = RequestBodies.fields(request(contentType, body));
        } catch (BadRequestException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        fields.forEach((name, value) -> {
            assertNotNull(name);
            assertNotNull(value);
        });
        Ids.isRefreshTokenShaped(fields.get("refresh_token"));
    }

    /** A request with just what {@link RequestBodies} reads: content type and length, and the body. */
    static HttpServletRequest request(String contentType, byte[] body) {
        ServletInputStream in = new BodyStream(body);
        return (HttpServletRequest) Proxy.newProxyInstance(RequestBodiesFuzzTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentType" -> contentType;
                    case "getContentLengthLong" -> (long) body.length;
                    case "getContentLength" -> body.length;
                    case "getInputStream" -> in;
                    case "toString" -> "request";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class BodyStream extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        BodyStream(byte[] body) {
            bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
