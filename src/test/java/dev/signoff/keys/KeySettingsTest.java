package dev.signoff.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.token.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySettingsTest {

    private static final SigningKeys STORED = SigningKeys.stored(JWSAlgorithm.HS256);
    private static final SigningKeys CONFIGURED = SigningKeys.hmac("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), "s");
    private static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

    private static KeySettings parse(Map<String, String> params, SigningKeys keys) {
        return KeySettings.parse(new Params(ConfigSource.of("context", Map.of(), params)), keys);
    }

    @Test
    void storedKeysRotateEvery30DaysByDefaultAndAreNotEncryptedWithoutAKey() {
        KeySettings settings = parse(Map.of(), STORED);
        assertEquals(Duration.ofDays(30), settings.rotation());
        assertNull(settings.keyEncryptionKey());
        assertNull(parse(Map.of("signoff.key-rotation", "off"), STORED).rotation());
        assertEquals(Duration.ofSeconds(5), parse(Map.of("signoff.key-rotation", "5s"), STORED).rotation());
    }

    @Test
    void theRotationIsBounded() {
        for (String bad : new String[] {"4s", "366d", "sometimes"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse(Map.of("signoff.key-rotation", bad), STORED));
            assertTrue(e.getMessage().startsWith("signoff.key-rotation: expected off or a duration from 5s to 365d"), e.getMessage());
        }
    }

    @Test
    void theKeyEncryptionKeyIs256BitsInBase64AndNeverShown() {
        KeySettings settings = parse(Map.of("signoff.key-encryption-key", KEK), STORED);
        assertArrayEquals(new byte[32], settings.keyEncryptionKey());
        assertFalse(settings.toString().contains(KEK));
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        ConfigException e = assertThrows(ConfigException.class, () -> parse(Map.of("signoff.key-encryption-key", shortKey), STORED));
        assertTrue(e.getMessage().contains("decodes to 16 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains(shortKey));
        assertThrows(ConfigException.class, () -> parse(Map.of("signoff.key-encryption-key", "not base64 at all!"), STORED));
    }

    @Test
    void configuredKeysNeitherRotateNorTakeAKeyEncryptionKey() {
        assertNull(parse(Map.of(), CONFIGURED).rotation());
        assertNull(parse(Map.of("signoff.key-rotation", "off"), CONFIGURED).rotation());
        assertEquals("signoff.key-rotation", assertThrows(ConfigException.class,
                () -> parse(Map.of("signoff.key-rotation", "1d"), CONFIGURED)).parameter());
        assertEquals("signoff.key-encryption-key", assertThrows(ConfigException.class,
                () -> parse(Map.of("signoff.key-encryption-key", KEK), CONFIGURED)).parameter());
    }
}
