package dev.signoff.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signoff.fakes.FakeRequest;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.RequestBodies;
import dev.signoff.token.Ids;
import jakarta.servlet.http.HttpServletRequest;
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
        FakeRequest request = new FakeRequest();
        request.contentType = contentType;
        request.body = body;
        return request.request;
    }
}
