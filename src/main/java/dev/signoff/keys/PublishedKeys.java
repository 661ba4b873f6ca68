package dev.signoff.keys;

import dev.signoff.token.SigningKeys;
import java.time.Duration;

/**
 * What {@code GET /.well-known/jwks.json} publishes: the public keys of {@code keys} as they stand at each request,
 * and how long a client may cache them ({@code Cache-Control: max-age}). Immutable and thread-safe.
 *
 * @param maxAge {@link #DEFAULT_MAX_AGE}, or half of {@code signoff.key-rotation} when that is shorter (at least 1s):
 *               a client that meets a {@code kid} it does not know fetches the set again, as RFC 7517 clients do
 */
public record PublishedKeys(SigningKeys keys, Duration maxAge) {

    /** How long the JWK set may be cached: 5 minutes. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    /** The publication of {@code keys}, rotated every {@code rotation} ({@code null}: never). */
    public static PublishedKeys of(SigningKeys keys, Duration rotation) {
        Duration maxAge = DEFAULT_MAX_AGE;
        if (rotation != null && rotation.dividedBy(2).compareTo(maxAge) < 0) {
            maxAge = Duration.ofSeconds(Math.max(1, rotation.dividedBy(2).toSeconds()));
        }
        return new PublishedKeys(keys, maxAge);
    }
}
