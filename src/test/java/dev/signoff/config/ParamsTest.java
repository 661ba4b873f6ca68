package dev.signoff.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsTest {

    private static Params params(Map<String, String> own) {
        return new Params(ConfigSource.of("test", own, Map.of()), Map.of("SECRET_VAR", "from-env")::get);
    }

    @Test
    void durationsInShortAndIsoForm() {
        Params p = params(Map.of("a", "500ms", "b", "30s", "c", "15m", "d", "12h", "e", "14d", "f", "PT15M"));
        Duration min = Duration.ZERO;
        Duration max = Duration.ofDays(365);
        assertEquals(Duration.ofMillis(500), p.duration("a", null, min, max));
        assertEquals(Duration.ofSeconds(30), p.duration("b", null, min, max));
        assertEquals(Duration.ofMinutes(15), p.duration("c", null, min, max));
        assertEquals(Duration.ofHours(12), p.duration("d", null, min, max));
        assertEquals(Duration.ofDays(14), p.duration("e", null, min, max));
        assertEquals(Duration.ofMinutes(15), p.duration("f", null, min, max));
        assertEquals(Duration.ofSeconds(7), p.duration("absent", Duration.ofSeconds(7), min, max));
    }

    @Test
    void badDurationNamesTheParameterAndTheRange() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> params(Map.of("ttl", "soon")).duration("ttl", null, Duration.ofSeconds(10), Duration.ofDays(1)));
        assertEquals("ttl", e.parameter());
        assertTrue(e.getMessage().contains("10s to 1d"), e.getMessage());
        ConfigException range = assertThrows(ConfigException.class,
                () -> params(Map.of("ttl", "2d")).duration("ttl", null, Duration.ofSeconds(10), Duration.ofDays(1)));
        assertTrue(range.getMessage().contains("but was 2d"), range.getMessage());
    }

    @Test
    void booleansAndChoicesAreStrict() {
        assertTrue(params(Map.of("x", "TRUE")).bool("x", false));
        assertThrows(ConfigException.class, () -> params(Map.of("x", "yes")).bool("x", false));
        assertEquals("Lax", params(Map.of("s", "lax")).oneOf("s", null, List.of("Strict", "Lax")));
        ConfigException e = assertThrows(ConfigException.class, () -> params(Map.of("s", "loose")).oneOf("s", null, List.of("Strict", "Lax")));
        assertTrue(e.getMessage().contains("[Strict, Lax]"));
    }

    @Test
    void listsRejectUnknownAndDuplicateItems() {
        assertEquals(List.of("bearer", "session"), params(Map.of("c", " bearer , SESSION ")).list("c", null, List.of("bearer", "session")));
        assertThrows(ConfigException.class, () -> params(Map.of("c", "bearer,basic")).list("c", null, List.of("bearer")));
        assertThrows(ConfigException.class, () -> params(Map.of("c", "bearer,bearer")).list("c", null, List.of("bearer")));
    }

    @Test
    void jsonIsValidatedAndCompacted() {
        assertEquals("{\"a\":true}", params(Map.of("b", "{ \"a\" : true }")).json("b", null));
        assertEquals("false", params(Map.of("b", "false")).json("b", null));
        assertThrows(ConfigException.class, () -> params(Map.of("b", "{message: hi}")).json("b", null));
    }

    @Test
    void secretFromValueEnvironmentOrFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-file\n");
        assertEquals("literal", params(Map.of("s", "literal")).secret("s"));
        assertEquals("from-env", params(Map.of("s-env", "SECRET_VAR")).secret("s"));
        assertEquals("from-file", params(Map.of("s-file", file.toString())).secret("s"));
        assertNull(params(Map.of()).secret("s"));
    }

    @Test
    void secretErrorsNeverShowTheSecret(@TempDir Path dir) {
        ConfigException both = assertThrows(ConfigException.class,
                () -> params(Map.of("s", "hunter2-very-secret", "s-env", "SECRET_VAR")).secret("s"));
        assertFalse(both.getMessage().contains("hunter2"));
        ConfigException unset = assertThrows(ConfigException.class, () -> params(Map.of("s-env", "NOT_SET_ANYWHERE")).secret("s"));
        assertEquals("s-env", unset.parameter());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> params(Map.of("s-file", dir.resolve("nope").toString())).secret("s"));
        assertEquals("s-file", missing.parameter());
    }

    @Test
    void initParamsOverrideContextParamsAndUnknownNamesFail() {
        ConfigSource source = ConfigSource.of("filter auth", Map.of("realm", "own"), Map.of("realm", "ctx", "signoff.issuer", "x"));
        assertEquals("own", source.get("realm"));
        source.rejectUnknown(Set.of("realm"), "signoff.", Set.of("signoff.issuer"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigSource.of("filter auth", Map.of("relam", "x"), Map.of()).rejectUnknown(Set.of("realm"), null, Set.of()));
        assertEquals("relam", e.parameter());
        assertThrows(ConfigException.class, () -> ConfigSource.of("context", Map.of(), Map.of("signoff.isuer", "x"))
                .rejectUnknown(Set.of(), "signoff.", Set.of("signoff.issuer")));
    }
}
