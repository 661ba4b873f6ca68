package dev.signoff.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random identifiers and opaque tokens, all base64url without padding.
 *
 * <ul>
 *   <li>{@link #newId()}: 128 random bits (22 characters), for {@code jti} and {@code sid};</li>
 *   <li>{@link #newRefreshToken()}: 256 random bits (43 characters);</li>
 *   <li>{@link #hash(String)}: SHA-256 of a refresh token (43 characters), the only form that is stored.</li>
 * </ul>
 * This class is thread-safe.
 */
public final class Ids {

    /** Length of a refresh token and of its hash. */
    public static final int REFRESH_TOKEN_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    public static String newId() {
        return random(16);
    }

    public static String newRefreshToken() {
        return random(32);
    }

    /** Whether {@code value} has the shape of a refresh token (so that garbage is refused before hashing). */
    public static boolean isRefreshTokenShaped(String value) {
        if (value == null || value.length() != REFRESH_TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isBase64Url(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static String hash(String refreshToken) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return ENCODER.encodeToString(digest.digest(refreshToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * How a log line names a login session or token id: the first 12 characters of its SHA-256, enough to tell
     * one from another in a log and to find it from the id, never the id itself (a session id is what an attacker
     * would need to end or follow someone's login).
     */
    public static String forLog(String id) {
        return id == null ? "-" : "#" + hash(id).substring(0, 12);
    }

    /** One table lookup per character: a chain of range tests mispredicts on random text such as a signature. */
    static boolean isBase64Url(char c) {
        return c < 128 && BASE64URL[c];
    }

    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            BASE64URL[c] = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
        }
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return ENCODER.encodeToString(buffer);
    }
}
