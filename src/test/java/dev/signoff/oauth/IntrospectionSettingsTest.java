package dev.signoff.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrospectionSettingsTest {

    private static IntrospectionSettings parse(Map<String, String> params) {
        return IntrospectionSettings.parse(new Params(ConfigSource.of("context", Map.of(), params)));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void offWithoutEitherAndBothRequiredOtherwise() {
        assertNull(parse(Map.of()));
        assertEquals(IntrospectionSettings.CLIENT_SECRET,
                assertThrows(ConfigException.class, () -> parse(Map.of(IntrospectionSettings.CLIENT_ID, "rs"))).parameter());
        assertEquals(IntrospectionSettings.CLIENT_ID, assertThrows(ConfigException.class,
                () -> parse(Map.of(IntrospectionSettings.CLIENT_SECRET, "0123456789abcdef"))).parameter());
        assertEquals(IntrospectionSettings.CLIENT_SECRET, assertThrows(ConfigException.class,
                () -> parse(Map.of(IntrospectionSettings.CLIENT_ID, "rs", IntrospectionSettings.CLIENT_SECRET, "short"))).parameter());
    }

    @Test
    void basicCredentialsOfTheClientOnly() {
        IntrospectionSettings client = parse(Map.of(IntrospectionSettings.CLIENT_ID, "rs", IntrospectionSettings.CLIENT_SECRET,
                "0123456789abcdef"));
        assertTrue(client.authenticates(basic("rs:0123456789abcdef")));
        assertTrue(client.authenticates("basic " + basic("rs:0123456789abcdef").substring(6)), "the scheme is case-insensitive");
        assertFalse(client.authenticates(basic("rs:0123456789abcdeF")));
        assertFalse(client.authenticates(basic("rt:0123456789abcdef")));
        assertFalse(client.authenticates("Bearer " + basic("rs:0123456789abcdef").substring(6)));
        assertFalse(client.authenticates(null));
        assertFalse(client.toString().contains("0123456789abcdef"), client.toString());
    }
}
