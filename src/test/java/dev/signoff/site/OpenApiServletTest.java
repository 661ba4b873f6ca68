package dev.signoff.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiServletTest {

    private static OpenApiServlet.Settings parse(Map<String, String> initParams) {
        return OpenApiServlet.Settings.parse(ConfigSource.of("servlet openapi", initParams, Map.of()));
    }

    @Test
    void theDefaultIsTheDefaultMappingsDescription() {
        assertEquals("/WEB-INF/openapi.yaml", parse(Map.of()).description());
        assertEquals("/WEB-INF/contracts/jwt-cookie.openapi.yaml",
                parse(Map.of("description", "/WEB-INF/contracts/jwt-cookie.openapi.yaml")).description());
    }

    @Test
    void aDescriptionOutsideTheWarOrNotYamlFailsNamingTheParameter() {
        for (String bad : new String[] {"openapi.yaml", "/WEB-INF/web.xml", "/WEB-INF/../../etc/x.yaml"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse(Map.of("description", bad)));
            assertEquals("description", e.parameter());
            assertTrue(e.getMessage().contains(bad), e::getMessage);
        }
        ConfigException unknown = assertThrows(ConfigException.class, () -> parse(Map.of("descripton", "/WEB-INF/openapi.yaml")));
        assertEquals("descripton", unknown.parameter());
    }
}
