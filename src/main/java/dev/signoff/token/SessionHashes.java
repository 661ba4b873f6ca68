package dev.signoff.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Session ids as the audit trail and the log name them: SHA-256 of a per-deployment salt followed by the id, in
 * lower-case hex (OWASP Logging Cheat Sheet: a salted hash instead of the session id). The same salt on every node
 * ({@code signoff.audit.salt}) makes the same session's lines correlate across the cluster; without the salt
 * nobody reading the log can test a guessed id against it. Immutable and thread-safe.
 */
public final class SessionHashes {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] salt;

    public SessionHashes(byte[] salt) {
        if (salt.length < 16) {
            throw new IllegalArgumentException("the salt must be at least 16 bytes");
        }
        this.salt = salt.clone();
    }

    /** A salt of {@code text}'s UTF-8 bytes. */
    public static SessionHashes of(String text) {
        return new SessionHashes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A random salt of 32 bytes: hashes then correlate within this run of this node only. */
    public static SessionHashes random() {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        return new SessionHashes(salt);
    }

    /** The salted hash of {@code id}, 64 hex digits; {@code null} for {@code null}. */
    public String hash(String id) {
        if (id == null) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return HEX.formatHex(digest.digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SessionHashes[salt hidden]";
    }
}
