package dev.signoff.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    private static OidcSettings parse(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return OidcSettings.parse(new Params(ConfigSource.of("context", Map.of(), params)));
    }

    private static ConfigException refused(String... pairs) {
        return assertThrows(ConfigException.class, () -> parse(pairs));
    }

    @Test
    void offWithoutAnyParameter() {
        assertNull(parse());
    }

    @Test
    void httpsOrLoopbackHttp() {
        for (String url : new String[] {"https://idp.example.com/jwks", "http://127.0.0.1:8080/certs", "http://[::1]/certs",
                "http://localhost:9/certs"}) {
            assertEquals(url, parse(OidcSettings.ISSUER, "https://idp", OidcSettings.CLIENT_ID, "app", OidcSettings.JWKS_URL, url)
                    .jwksUrl().toString());
        }
        for (String url : new String[] {"http://idp.example.com/jwks", "http://10.0.0.1/jwks", "ftp://127.0.0.1/x", "file:///etc/jwks",
                "https://user:pw@idp/jwks", "not a url"}) {
            ConfigException e = refused(OidcSettings.ISSUER, "https://idp", OidcSettings.CLIENT_ID, "app", OidcSettings.JWKS_URL, url);
            assertEquals(OidcSettings.JWKS_URL, e.parameter(), url);
        }
    }

    @Test
    void aJwkSetFileIsReadWithTheSettingsAndOnlyItsPublicKeysKept(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("k")
                .generate();
        java.nio.file.Path file = dir.resolve("op.json");
        java.nio.file.Files.writeString(file, new com.nimbusds.jose.jwk.JWKSet(key).toString(false));
        OidcSettings settings = parse(OidcSettings.ISSUER, "https://idp", OidcSettings.CLIENT_ID, "app", OidcSettings.JWKS_FILE,
                file.toString());
        assertEquals(1, settings.jwksFile().size());
        assertTrue(!settings.jwksFile().getKeyByKeyId("k").isPrivate(), "the private part is dropped");
    }

    @Test
    void eachMissingPartIsNamed() {
        assertEquals(OidcSettings.ISSUER, refused(OidcSettings.CLIENT_ID, "app", OidcSettings.JWKS_URL, "https://idp/jwks").parameter());
        assertEquals(OidcSettings.CLIENT_ID, refused(OidcSettings.ISSUER, "https://idp", OidcSettings.JWKS_URL, "https://idp/jwks").parameter());
        ConfigException neither = refused(OidcSettings.ISSUER, "https://idp", OidcSettings.CLIENT_ID, "app");
        assertTrue(neither.getMessage().contains(OidcSettings.JWKS_FILE), neither.getMessage());
        ConfigException both = refused(OidcSettings.ISSUER, "https://idp", OidcSettings.CLIENT_ID, "app", OidcSettings.JWKS_URL,
                "https://idp/jwks", OidcSettings.JWKS_FILE, "/etc/hostname");
        assertEquals(OidcSettings.JWKS_URL, both.parameter());
        assertEquals(OidcSettings.JWKS_FILE, refused(OidcSettings.ISSUER, "https://idp", OidcSettings.CLIENT_ID, "app",
                OidcSettings.JWKS_FILE, "/no/such/file.json").parameter());
        assertEquals(OidcSettings.JWKS_FILE, refused(OidcSettings.ISSUER, "https://idp", OidcSettings.CLIENT_ID, "app",
                OidcSettings.JWKS_FILE, "pom.xml").parameter(), "a file that is no JWK set");
    }
}
