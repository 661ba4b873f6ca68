package dev.signoff.keys;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import dev.signoff.token.SigningKeys;
import dev.signoff.token.TokenSettingsParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * How Signoff keeps the signing keys it makes itself, when neither {@code signoff.secret} nor {@code signoff.jwks-file}
 * is set. Immutable; {@link #toString()} never shows the key-encryption key.
 *
 * @param rotation          how long a stored key signs before a new one replaces it ({@code signoff.key-rotation}: a
 *                          duration from 5s to 365d, or {@code off}; default 30d for stored keys, off for configured
 *                          ones, which cannot rotate), or {@code null} for never
 * @param keyEncryptionKey  the 256-bit AES key that encrypts the stored key material (AES-GCM), given in base64 as
 *                          {@code signoff.key-encryption-key}, {@code -env} or {@code -file}; {@code null} for none,
 *                          which stores the material as plain JWK JSON
 */
public record KeySettings(Duration rotation, byte[] keyEncryptionKey) {

    public static final String ROTATION = "signoff.key-rotation";
    public static final String KEY_ENCRYPTION_KEY = "signoff.key-encryption-key";

    /** The default rotation of stored keys. */
    public static final Duration DEFAULT_ROTATION = Duration.ofDays(30);

    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of(ROTATION));
        names.addAll(Params.secretNames(KEY_ENCRYPTION_KEY));
        NAMES = List.copyOf(names);
    }

    /** The key-encryption key's length: AES-256. */
    public static final int KEK_BYTES = 32;

    /**
     * @param keys the keys {@code signoff.secret} or {@code signoff.jwks-file} configured, or {@link SigningKeys#stored}
     *             ones: rotation and encryption apply to stored keys only
     */
    public static KeySettings parse(Params params, SigningKeys keys) {
        String rotationText = params.source().get(ROTATION);
        boolean off = rotationText != null && rotationText.trim().toLowerCase(Locale.ROOT).equals("off");
        String kekText = params.secret(KEY_ENCRYPTION_KEY);
        if (!keys.isStored()) {
            if (rotationText != null && !off) {
                throw new ConfigException(ROTATION, "applies to keys Signoff keeps in its database; configured keys ("
                        + TokenSettingsParser.SECRET + ", " + TokenSettingsParser.JWKS_FILE + ") rotate when you change them");
            }
            if (kekText != null) {
                throw new ConfigException(KEY_ENCRYPTION_KEY, "encrypts keys Signoff keeps in its database; with "
                        + TokenSettingsParser.SECRET + " or " + TokenSettingsParser.JWKS_FILE + " set, no key is stored");
            }
            return new KeySettings(null, null);
        }
        Duration rotation = off ? null : rotation(params);
        return new KeySettings(rotation, kekText == null ? null : kek(kekText));
    }

    private static Duration rotation(Params params) {
        try {
            return params.duration(ROTATION, DEFAULT_ROTATION, Duration.ofSeconds(5), Duration.ofDays(365));
        } catch (ConfigException e) {
            throw new ConfigException(ROTATION, "expected off or " + e.getMessage().substring(ROTATION.length() + 2)
                    .replaceFirst("^expected ", ""));
        }
    }

    private static byte[] kek(String text) {
        byte[] key = null;
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                key = decoder.decode(text.trim());
                break;
            } catch (IllegalArgumentException e) {
                // try the other alphabet
            }
        }
        if (key == null || key.length != KEK_BYTES) {
            throw new ConfigException(KEY_ENCRYPTION_KEY, "expected " + KEK_BYTES + " bytes (256 bits) in base64, such as "
                    + "`openssl rand -base64 32` prints" + (key == null ? "" : ", but it decodes to " + key.length + " bytes"));
        }
        return key;
    }

    public KeySettings {
        keyEncryptionKey = keyEncryptionKey == null ? null : keyEncryptionKey.clone();
    }

    @Override
    public byte[] keyEncryptionKey() {
        return keyEncryptionKey == null ? null : keyEncryptionKey.clone();
    }

    @Override
    public String toString() {
        return "KeySettings[rotation=" + (rotation == null ? "off" : rotation) + ", keyEncryptionKey="
                + (keyEncryptionKey == null ? "none" : "(set)") + "]";
    }
}
