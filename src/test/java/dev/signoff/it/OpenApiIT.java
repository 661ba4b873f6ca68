package dev.signoff.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.NodeList;

/**
 * The OpenAPI description of the default mapping and of each contract: the war serves the repository's file at
 * {@code /openapi.yaml}, it is a valid OpenAPI 3.1 document (swagger-parser), and it describes every path the
 * mapping's {@code web.xml} maps a servlet to. That the answers match it is every other test's business: each
 * response {@link Http} receives is validated against it ({@link OpenApi}).
 */
@Tag(TestDatabase.INDEPENDENT)
class OpenApiIT {

    @ParameterizedTest
    @ValueSource(strings = {"default", "bearer-all-devices", "bearer-refresh", "http-session", "jwt-cookie", "refresh-cookie",
            "session-cookie"})
    void theMappingServesItsDescriptionWhichDescribesEveryMappedPath(String mapping) throws Exception {
        List<String> args = new ArrayList<>(List.of("--db", "jdbc:h2:mem:openapi", "--user", "ada:ada-pw"));
        if (!mapping.equals("default")) {
            args.addAll(List.of("--contract", mapping));
        }
        try (SignoffServer server = SignoffServer.start(args.toArray(String[]::new))) {
            Http.Response served = Http.get(server.url("/openapi.yaml"), Map.of());
            assertEquals(200, served.status(), served::toString);
            assertTrue(served.header("Content-Type").orElse("").startsWith("application/yaml"), served::toString);
            assertEquals(repositoryDescription(mapping), served.body(), "the war serves the repository's description");

            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
            assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), () -> "not valid OpenAPI: " + parsed.getMessages());
            assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());

            List<String> described = server.description().paths();
            for (String pattern : servletPatterns(mapping)) {
                String path = pattern.equals("") ? "/" : pattern.equals("/demo/*") ? "/demo/{file}" : pattern;
                assertTrue(described.contains(path), () -> mapping + ": web.xml maps " + pattern + ", openapi.yaml does not describe "
                        + path + "; described: " + described);
            }

            Http.Response root = Http.get(server.url("/"), Map.of());
            assertEquals(mapping.equals("default") ? 200 : 404, root.status(), "the demo page is the default mapping's alone");
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
