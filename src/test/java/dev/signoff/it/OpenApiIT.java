package dev.signoff.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.NodeList;

/**
 * The OpenAPI description of the default mapping and of each contract: a valid OpenAPI 3.1 document
 * (swagger-parser) that describes every path the mapping's {@code web.xml} maps a servlet to, packaged in the war
 * and served at {@code /openapi.yaml} (the default mapping's in {@code SiteIT}; every war process a test starts
 * fetches its own, and fails to start without one). That the answers match it is every other test's business: each
 * response {@link Http} receives is validated against it ({@link OpenApi}).
 */
@Tag(TestDatabase.INDEPENDENT)
class OpenApiIT {

    private static final String[] MAPPINGS = {"default", "bearer-all-devices", "bearer-refresh", "http-session", "jwt-cookie",
            "refresh-cookie", "session-cookie"};

    @ParameterizedTest
    @ValueSource(strings = {"default", "bearer-all-devices", "bearer-refresh", "http-session", "jwt-cookie", "refresh-cookie",
            "session-cookie"})
    void theDescriptionIsValidOpenApiAndDescribesEveryMappedPath(String mapping) throws Exception {
        String text = repositoryDescription(mapping);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), () -> "not valid OpenAPI: " + parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());

        List<String> described = OpenApi.of(text).paths();
        for (String pattern : servletPatterns(mapping)) {
            // a prefix mapping (/demo/*, /auth/sessions/*) is described by the templated paths below it
            String path = pattern.equals("") ? "/" : pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 1) : pattern;
            boolean describedHere = pattern.endsWith("/*") ? described.stream().anyMatch(p -> p.startsWith(path) && p.length() > path.length())
                    : described.contains(path);
            assertTrue(describedHere, () -> mapping + ": web.xml maps " + pattern + ", openapi.yaml does not describe "
                    + path + "; described: " + described);
        }
    }

    /** The war packages each description where its mapping's openapi servlet looks for it. */
    @Test
    void theWarPackagesEveryDescription() throws Exception {
        try (ZipFile war = new ZipFile(System.getProperty("signoff.war", "target/signoff.war"))) {
            for (String mapping : MAPPINGS) {
                String entry = mapping.equals("default") ? "WEB-INF/openapi.yaml" : "WEB-INF/contracts/" + mapping + ".openapi.yaml";
                ZipEntry found = war.getEntry(entry);
                assertTrue(found != null, () -> "the war lacks " + entry);
                try (InputStream in = war.getInputStream(found)) {
                    assertEquals(repositoryDescription(mapping), new String(in.readAllBytes(), StandardCharsets.UTF_8), entry);
                }
            }
        }
    }

    /** A contract serves its own description at /openapi.yaml, and no demo page: its 404 at / stays. */
    @Test
    void aContractServesItsOwnDescriptionAndNoDemoPage() throws Exception {
        try (SignoffServer server = SignoffServer.start("--db", "jdbc:h2:mem:openapi", "--user", "ada:ada-pw", "--contract", "jwt-cookie")) {
            Http.Response served = Http.get(server.url("/openapi.yaml"), Map.of());
            assertEquals(200, served.status(), served::toString);
            assertTrue(served.header("Content-Type").orElse("").startsWith("application/yaml"), served::toString);
            assertEquals(repositoryDescription("jwt-cookie"), served.body());
            Http.Response root = Http.get(server.url("/"), Map.of());
            assertEquals(404, root.status(), root::toString);
            assertEquals("not_found", root.text("error"));
        }
    }

    /** The description of {@code mapping} ({@code default} or a contract's name) as the repository holds it. */
    static String repositoryDescription(String mapping) {
        Path file = mapping.equals("default") ? Path.of("webapp/WEB-INF/openapi.yaml")
                : Path.of("server-config/contracts/" + mapping + ".openapi.yaml");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code url-pattern} of a servlet mapping, but the error servlet's ({@code /} and its error page). */
    private static List<String> servletPatterns(String mapping) throws Exception {
        Path file = mapping.equals("default") ? Path.of("webapp/WEB-INF/web.xml") : Path.of("server-config/contracts/" + mapping + ".xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList mappings = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagNameNS("*", "servlet-mapping");
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < mappings.getLength(); i++) {
            org.w3c.dom.Element element = (org.w3c.dom.Element) mappings.item(i);
            if (element.getElementsByTagNameNS("*", "servlet-name").item(0).getTextContent().trim().equals("error")) {
                continue;
            }
            NodeList urls = element.getElementsByTagNameNS("*", "url-pattern");
            for (int j = 0; j < urls.getLength(); j++) {
                patterns.add(urls.item(j).getTextContent().trim());
            }
        }
        assertTrue(patterns.size() >= 4, () -> mapping + ": " + patterns);
        return patterns;
    }
}
