package dev.signoff.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {

    private static RedisSettings parse(Map<String, String> params) {
        return RedisSettings.parse(new Params(ConfigSource.of("context", Map.of(), params)));
    }

    @Test
    void noUrlNoBus() {
        assertNull(parse(Map.of()));
    }

    @Test
    void theDefaults() {
        RedisSettings settings = parse(Map.of(RedisSettings.URL, "redis://cache.internal"));
        assertEquals(new RedisSettings(false, "cache.internal", 6379, 0, null, null, "signoff:revocations"), settings);
        assertEquals("redis://cache.internal:6379/0", settings.safeUrl());
    }

    @Test
    void everyPartOfTheUrl() {
        RedisSettings settings = parse(Map.of(RedisSettings.URL, "rediss://signoff:s3cr%40t@10.0.0.7:6380/2",
                RedisSettings.CHANNEL, "shop:revocations"));
        assertEquals(new RedisSettings(true, "10.0.0.7", 6380, 2, "signoff", "s3cr@t", "shop:revocations"), settings);
        assertEquals(null, parse(Map.of(RedisSettings.URL, "redis://:pw@h")).user());
        assertEquals("pw", parse(Map.of(RedisSettings.URL, "redis://:pw@h")).password());
        assertEquals("pw", parse(Map.of(RedisSettings.URL, "redis://pw@h")).password(), "a user info without colon is a password");
        assertEquals("redis://[::1]:6379/0", parse(Map.of(RedisSettings.URL, "redis://[::1]")).safeUrl());
    }

    @Test
    void thePasswordApart() {
        RedisSettings settings = parse(Map.of(RedisSettings.URL, "redis://127.0.0.1:6379", RedisSettings.PASSWORD, "tiny-secret"));
        assertEquals("tiny-secret", settings.password());
        ConfigException both = assertThrows(ConfigException.class, () -> parse(Map.of(RedisSettings.URL, "redis://:one@h",
                RedisSettings.PASSWORD, "two")));
        assertEquals(RedisSettings.PASSWORD, both.parameter());
    }

    @Test
    void thePasswordIsNeverShown() {
        RedisSettings settings = parse(Map.of(RedisSettings.URL, "redis://signoff:tiny-secret@h:1/0"));
        assertFalse(settings.toString().contains("tiny-secret"), settings::toString);
        assertFalse(settings.safeUrl().contains("tiny-secret"));
        assertTrue(settings.toString().contains("password=(set)"), settings::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://h:6379", "redis:/h", "redis://", "redis://h:6379/x", "redis://h/-1", "redis://h?db=1",
        "redis://h#x", "127.0.0.1:6379", "redis://h:port", "redis://:tiny-secret@h:port", "redis://u:tiny secret@h"})
    void aBadUrlNamesTheParameterAndNotThePassword(String url) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(Map.of(RedisSettings.URL, url)));
        assertEquals(RedisSettings.URL, e.parameter());
        assertTrue(e.getMessage().contains("expected redis://HOST[:PORT][/DATABASE]"), e.getMessage());
        assertFalse(e.getMessage().contains("tiny"), e.getMessage());
    }

    @Test
    void aPasswordOrChannelWithoutUrlFails() {
        assertEquals(RedisSettings.PASSWORD, assertThrows(ConfigException.class,
                () -> parse(Map.of(RedisSettings.PASSWORD, "x"))).parameter());
        assertEquals(RedisSettings.CHANNEL, assertThrows(ConfigException.class,
                () -> parse(Map.of(RedisSettings.CHANNEL, "x"))).parameter());
    }
}
