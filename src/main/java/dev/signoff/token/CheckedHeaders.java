package dev.signoff.token;

import com.nimbusds.jose.JWSHeader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * JWS headers that have passed the verifier's header checks, by their base64url text, so that the tokens of one
 * deployment (which all carry one header per signing key) have their header parsed once rather than on every first
 * verification. A header is remembered only after a token carrying it has verified: a signature made with a configured
 * key covers the header text, so a client without a key cannot fill or churn this table. The parse is a function of
 * the text, so a hit is exactly what parsing and checking that text again would give.
 *
 * <p>Holds at most {@value #SIZE} headers (a few per key set: enough for a key rotation), replacing them in turn.
 * Lock-free; this class is thread-safe.
 */
final class CheckedHeaders {

    static final int SIZE = 8;

    private record Known(String encoded, JWSHeader header) {
    }

    private final AtomicReferenceArray<Known> known = new AtomicReferenceArray<>(SIZE);
    private final AtomicInteger next = new AtomicInteger();

    /** The checked header of exactly this text, or {@code null}. */
    JWSHeader get(String encoded) {
        for (int i = 0; i < SIZE; i++) {
            Known entry = known.get(i);
            if (entry == null) {
                return null;
            }
            if (entry.encoded().equals(encoded)) {
                return entry.header();
            }
        }
        return null;
    }

    /** Remembers a header that passed the checks, carried by a token that verified. */
    void put(String encoded, JWSHeader header) {
        if (get(encoded) == null) {
            known.set(Math.floorMod(next.getAndIncrement(), SIZE), new Known(encoded, header));
        }
    }
}
