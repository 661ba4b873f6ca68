package dev.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignoffSettingsTest {

    private static SignoffSettings parse(Map<String, String> params) {
        return SignoffSettings.parse(ConfigSource.of("context", Map.of(), params));
    }

    @Test
    void clusterAndPurgeDefaults() {
        SignoffSettings settings = parse(Map.of());
        assertTrue(settings.notifications());
        assertEquals(Duration.ofHours(1), settings.purgeInterval());
        assertEquals(500, settings.purgeBatchSize());
    }

    @Test
    void clusterAndPurgeSettings() {
        SignoffSettings settings = parse(Map.of("signoff.revocation.notify", "false", "signoff.purge.interval", "0s",
                "signoff.purge.batch-size", "50"));
        assertFalse(settings.notifications());
        assertEquals(Duration.ZERO, settings.purgeInterval());
        assertEquals(50, settings.purgeBatchSize());
    }

    @Test
    void badValuesNameTheParameter() {
        for (Map.Entry<String, String> bad : Map.of("signoff.purge.interval", "10ms", "signoff.purge.batch-size", "0",
                "signoff.revocation.notify", "maybe").entrySet()) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse(Map.of(bad.getKey(), bad.getValue())));
            assertEquals(bad.getKey(), e.parameter(), e.getMessage());
        }
    }
}
