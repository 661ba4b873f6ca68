package dev.signoff.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {

    @Test
    void bodiesHaveSignoffsShapeAndCodesWithErrorFirst() {
        assertEquals("{\"error\":\"request_header_fields_too_large\",\"message\":\"The request header fields are larger than 16384 bytes\"}",
                JsonErrorHandler.body(431));
        assertEquals("{\"error\":\"invalid_request\",\"message\":\"The request is malformed (its URI, a header or its framing)\"}",
                JsonErrorHandler.body(400));
        assertEquals("{\"error\":\"not_found\",\"message\":\"HTTP 404\"}", JsonErrorHandler.body(404));
        assertEquals("{\"error\":\"uri_too_long\",\"message\":\"The request URI is longer than 16384 bytes\"}", JsonErrorHandler.body(414));
        assertEquals("{\"error\":\"server_error\",\"message\":\"The server could not complete the request\"}", JsonErrorHandler.body(502));
    }
}
