package dev.signoff.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.token.TokenSettings;
import dev.signoff.token.TokenSettingsParser;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    private static SessionSettings parse(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("signoff.secret", "0123456789abcdef0123456789abcdef");
        Params params = new Params(ConfigSource.of("context", Map.of(), all));
        TokenSettings tokens = TokenSettingsParser.parse(params);
        return SessionSettings.parse(params, tokens);
    }

    @Test
    void defaultsAreTheRefreshTokenTtlThirtyDaysAndNoLimit() {
        SessionSettings defaults = parse(Map.of("signoff.refresh-token-ttl", "3d"));
        assertEquals(Duration.ofDays(3), defaults.idleTimeout());
        assertEquals(Duration.ofDays(30), defaults.maxLifetime());
        assertTrue(defaults.unlimited());
        assertEquals(SessionSettings.LimitAction.EVICT_OLDEST, defaults.limitAction());
    }

    @Test
    void everySettingIsRead() {
        SessionSettings set = parse(Map.of(SessionSettings.IDLE_TIMEOUT, "5s", SessionSettings.MAX_LIFETIME, "365d",
                SessionSettings.MAX_PER_USER, "3", SessionSettings.LIMIT_ACTION, "refuse"));
        assertEquals(new SessionSettings(Duration.ofSeconds(5), Duration.ofDays(365), 3, SessionSettings.LimitAction.REFUSE), set);
    }

    @Test
    void aBadValueNamesItsParameter() {
        Map<String, String> bad = Map.of(SessionSettings.IDLE_TIMEOUT, "4s", SessionSettings.MAX_LIFETIME, "366d",
                SessionSettings.MAX_PER_USER, "-1", SessionSettings.LIMIT_ACTION, "evict-newest");
        bad.forEach((name, value) -> {
            ConfigException e = assertThrows(ConfigException.class, () -> parse(Map.of(name, value)), name + "=" + value);
            assertEquals(name, e.parameter());
        });
    }
}
