package dev.signoff.token;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import org.junit.jupiter.api.Test;

class CheckedHeadersTest {

    @Test
    void aHeaderIsFoundByItsExactTextOnly() {
        CheckedHeaders headers = new CheckedHeaders();
        JWSHeader header = new JWSHeader(JWSAlgorithm.HS256);
        assertNull(headers.get("eyJhbGciOiJIUzI1NiJ9"));
        headers.put("eyJhbGciOiJIUzI1NiJ9", header);
        assertSame(header, headers.get("eyJhbGciOiJIUzI1NiJ9"));
        assertNull(headers.get("eyJhbGciOiJIUzI1NiJ8"));
        assertNull(headers.get("eyJhbGciOiJIUzI1NiJ9x"));
    }

    @Test
    void atMostSizeHeadersAreHeldTheOldestGoingFirst() {
        CheckedHeaders headers = new CheckedHeaders();
        JWSHeader header = new JWSHeader(JWSAlgorithm.HS256);
        for (int i = 0; i <= CheckedHeaders.SIZE; i++) {
            headers.put("h" + i, header);
        }
        assertNull(headers.get("h0"));
        for (int i = 1; i <= CheckedHeaders.SIZE; i++) {
            assertSame(header, headers.get("h" + i));
        }
    }
}
