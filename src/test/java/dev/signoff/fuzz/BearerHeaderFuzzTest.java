package dev.signoff.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signoff.auth.BearerTokenResolver;
import dev.signoff.auth.Credential;
import dev.signoff.fakes.FakeRequest;
import dev.signoff.http.BadRequestException;
import java.util.Optional;

/**
 * {@link BearerTokenResolver} on hostile {@code Authorization} headers, one or several. The outcomes: no credential
 * (another scheme), a token of RFC 6750 §2.1 {@code b64token} characters, or a {@link BadRequestException};
 * anything else escaping is a finding.
 */
class BearerHeaderFuzzTest {

    private final BearerTokenResolver resolver = new BearerTokenResolver();

    @FuzzTest
    void header(FuzzedDataProvider data) {
        FakeRequest request = new FakeRequest();
        int headers = data.consumeInt(1, 3);
        for (int i = 0; i < headers; i++) {
            request.header("Authorization", data.consumeString(200));
        }
        Optional<Credential> found;
        try {
            found = resolver.resolve(request.request);
        } catch (BadRequestException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        if (found.isPresent()) {
            Credential.AccessToken token = (Credential.AccessToken) found.get();
            assertFalse(token.token().isEmpty());
            assertTrue(token.token().chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-._~+/=".indexOf(c) >= 0)),
                    "only b64token characters reach the verifier");
            assertEquals(Credential.Kind.ACCESS_TOKEN, token.kind());
        }
    }
}
