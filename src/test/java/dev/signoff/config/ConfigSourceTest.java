package dev.signoff.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {

    private static final Set<String> CONTEXT = Set.of("signoff.issuer", "signoff.audience", "signoff.secret");

    @Test
    void aMisspeltContextParamGetsOneListOfTheAcceptedNamesAndTheNearest() {
        ConfigSource source = ConfigSource.of("context", Map.of(), Map.of("signoff.isuer", "x"));
        ConfigException e = assertThrows(ConfigException.class, () -> source.rejectUnknown(Set.of(), "signoff.", CONTEXT));
        assertEquals("signoff.isuer: unknown context-param (did you mean signoff.issuer?); accepted: "
                + "[signoff.audience, signoff.issuer, signoff.secret]", e.getMessage());
        assertEquals("signoff.isuer", e.parameter());
    }

    @Test
    void aMisspeltInitParamNamesItsOwner() {
        ConfigSource source = ConfigSource.of("filter auth", Map.of("inculde", "/api/*"), Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> source.rejectUnknown(Set.of("include", "exclude"), null, Set.of()));
        assertEquals("inculde: unknown parameter of filter auth (did you mean include?); accepted: [exclude, include]", e.getMessage());
    }

    @Test
    void noSuggestionForANameFarFromEveryAcceptedOne() {
        assertEquals("; accepted: [exclude, include]", ConfigSource.unknownSuffix("colour", Set.of("include", "exclude")));
        assertEquals("; accepted: none", ConfigSource.unknownSuffix("colour", Set.of()));
    }

    @Test
    void theNearestNameIgnoresCaseAndCountsASwapAsOneEdit() {
        assertEquals("signoff.issuer", ConfigSource.nearest("signoff.isseur", CONTEXT));
        assertEquals("include", ConfigSource.nearest("INCLUDE", Set.of("include", "exclude")));
        assertEquals("deliver", ConfigSource.nearest("delivery", Set.of("deliver", "roles")));
        assertNull(ConfigSource.nearest("x", Set.of("deliver", "roles")));
        assertEquals(1, ConfigSource.distance("ab", "ba"));
        assertEquals(3, ConfigSource.distance("kitten", "sitting"));
    }
}
