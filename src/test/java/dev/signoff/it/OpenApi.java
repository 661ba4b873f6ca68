package dev.signoff.it;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The OpenAPI 3.1 description of one mapping (the war's {@code /openapi.yaml}), as a validator of the responses the
 * integration tests receive: every response {@link Http} gets from a running {@link SignoffServer} is checked
 * against the description the server itself serves, so that the description cannot drift from the code.
 *
 * <p>A response passes when its path matches a described path (literal paths before templated ones), its method an
 * operation of that path ({@code HEAD} falls back on {@code GET}, without a body), its status a described response,
 * every {@code required} header of that response is present, every described header's values (each
 * {@code Set-Cookie} line apart) match the header's schema, and a JSON body matches the media type's schema
 * (JSON Schema 2020-12, {@code com.networknt:json-schema-validator}). What the description does not list fails:
 * a path outside {@code paths} may only get the answers {@code x-signoff-unmatched-paths} names for its prefix, a
 * method outside a path's operations only those of the path's (or the document's) {@code x-signoff-other-methods};
 * {@code x-signoff-container-errors} are the container's own answers on any request (431 for oversized headers).
 *
 * <p>Each description is parsed once per JVM (keyed by its text) and each schema built once; thread-safe.
 */
public final class OpenApi {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** The OpenAPI keywords around each schema (paths, components, ...) are no JSON Schema keywords: not worth a warning each. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("com.networknt.schema.keyword.UnknownKeywordFactory");

    static {
        QUIET.setLevel(java.util.logging.Level.SEVERE);
    }
    private static final HttpClient CLIENT = Http.newClient().build();
    private static final Map<String, OpenApi> BY_TEXT = new ConcurrentHashMap<>();
    /** The description each running server serves, by origin ({@code http://127.0.0.1:PORT}). */
    private static final Map<String, OpenApi> BY_ORIGIN = new ConcurrentHashMap<>();

    private final String text;
    private final JsonNode root;
    private final List<PathEntry> paths;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record PathEntry(String template, Pattern pattern, String pointer, boolean literal) {
    }

    private OpenApi(String text) {
        this.text = text;
        try {
            this.root = YAML.readTree(text);
            JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new AssertionError("openapi.yaml is not YAML: " + e.getMessage(), e);
        }
        if (!root.path("openapi").asText("").startsWith("3.1")) {
            throw new AssertionError("not an OpenAPI 3.1 description: openapi=" + root.path("openapi"));
        }
        List<PathEntry> entries = new ArrayList<>();
        for (Iterator<String> names = root.path("paths").fieldNames(); names.hasNext(); ) {
            String template = names.next();
            String regex = "^" + Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "$";
            entries.add(new PathEntry(template, Pattern.compile(regex), "/paths/" + escape(template), !template.contains("{")));
        }
        entries.sort((a, b) -> Boolean.compare(b.literal, a.literal));
        this.paths = List.copyOf(entries);
    }

    /** The description {@code text}, parsed once per JVM. */
    public static OpenApi of(String text) {
        return BY_TEXT.computeIfAbsent(text, OpenApi::new);
    }

    /** The YAML text of this description. */
    public String text() {
        return text;
    }

    /** The described paths, as written ({@code /auth/sessions/{id}/logout}). */
    public List<String> paths() {
        return paths.stream().map(PathEntry::template).toList();
    }

    /**
     * Fetches {@code /openapi.yaml} from a server that has just started at {@code baseUrl} and validates every
     * later response from {@code origins} against it. A server whose mapping serves no description fails the test
     * that started it: every mapping Signoff ships has one.
     */
    static void register(String baseUrl, List<String> origins) {
        HttpResponse<String> served;
        try {
            served = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + "/openapi.yaml")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + baseUrl + "/openapi.yaml failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (served.statusCode() != 200) {
            throw new AssertionError("the mapping under test serves no OpenAPI description: GET /openapi.yaml -> "
                    + served.statusCode() + " " + served.body());
        }
        OpenApi description = of(served.body());
        for (String origin : origins) {
            BY_ORIGIN.put(origin(URI.create(origin)), description);
        }
    }

    static void unregister(List<String> origins) {
        for (String origin : origins) {
            BY_ORIGIN.remove(origin(URI.create(origin)));
        }
    }

    /** The description the server at {@code url}'s origin serves, if it is a running {@link SignoffServer}. */
    public static Optional<OpenApi> forUrl(String url) {
        return Optional.ofNullable(BY_ORIGIN.get(origin(URI.create(url))));
    }

    /** Validates {@code response} against the description of its server, when it comes from a running Signoff. */
    public static void check(HttpResponse<String> response) {
        OpenApi description = BY_ORIGIN.get(origin(response.request().uri()));
        if (description != null) {
            description.validate(response.request().method(), response.request().uri().getRawPath(), response.statusCode(),
                    response.headers().map(), response.body());
        }
    }

    /**
     * Validates one response.
     *
     * @throws AssertionError naming the request, the status and every mismatch
     */
    public void validate(String method, String rawPath, int status, Map<String, List<String>> headers, String body) {
        List<String> problems = new ArrayList<>();
        String pointer = responsePointer(method, rawPath, status, problems);
        if (pointer != null) {
            checkResponse(pointer, method, headers, body, problems);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("response not as openapi.yaml describes it: " + method + " " + rawPath + " -> " + status
                    + "\n  " + String.join("\n  ", problems) + "\n  headers: " + headers + "\n  body: " + abbreviate(body));
        }
    }

    /** The JSON pointer of the described response, or null with a problem recorded. */
    private String responsePointer(String method, String rawPath, int status, List<String> problems) {
        String code = Integer.toString(status);
        String lower = method.toLowerCase(Locale.ROOT);
        JsonNode containerErrors = root.path("x-signoff-container-errors");
        if (containerErrors.has(code)) {
            return "/x-signoff-container-errors/" + code;
        }
        PathEntry path = paths.stream().filter(p -> p.pattern.matcher(rawPath).matches()).findFirst().orElse(null);
        if (path == null) {
            JsonNode prefixes = root.path("x-signoff-unmatched-paths");
            for (int i = 0; i < prefixes.size(); i++) {
                if (rawPath.startsWith(prefixes.get(i).path("prefix").asText())) {
                    String responses = target("/x-signoff-unmatched-paths/" + i + "/responses");
                    if (resolve(responses).has(code)) {
                        return responses + "/" + code;
                    }
                    problems.add("undocumented path; an unmatched path under " + prefixes.get(i).path("prefix").asText()
                            + " may only get " + names(resolve(responses)));
                    return null;
                }
            }
            problems.add("undocumented path (not in paths, no x-signoff-unmatched-paths prefix)");
            return null;
        }
        JsonNode item = resolve(path.pointer);
        String operation = path.pointer + "/" + lower;
        boolean described = item.has(lower);
        if (!described && "head".equals(lower) && item.has("get")) {
            operation = path.pointer + "/get";
            described = true;
        }
        if (!described) {
            String others = target(item.has("x-signoff-other-methods") ? path.pointer + "/x-signoff-other-methods" : "/x-signoff-other-methods");
            if (resolve(others).has(code)) {
                return others + "/" + code;
            }
            problems.add("undocumented method on " + path.template + "; another method may only get " + names(resolve(others)));
            return null;
        }
        JsonNode responses = resolve(operation + "/responses");
        if (responses.has(code)) {
            return operation + "/responses/" + code;
        }
        String range = code.charAt(0) + "XX";
        if (responses.has(range)) {
            return operation + "/responses/" + range;
        }
        problems.add("undocumented status for " + method + " " + path.template + "; described: " + names(responses));
        return null;
    }

    private void checkResponse(String pointer, String method, Map<String, List<String>> headers, String body, List<String> problems) {
        String responsePointer = target(pointer);
        JsonNode response = resolve(responsePointer);
        JsonNode described = response.path("headers");
        for (Iterator<String> headerNames = described.fieldNames(); headerNames.hasNext(); ) {
            String name = headerNames.next();
            String headerPointer = target(responsePointer + "/headers/" + escape(name));
            JsonNode header = resolve(headerPointer);
            List<String> values = values(headers, name);
            if (values.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    problems.add("required header " + name + " missing");
                }
                continue;
            }
            if (header.has("schema")) {
                Schema schema = schema(headerPointer + "/schema");
                for (String value : values) {
                    List<Error> errors = schema.validate(quoted(value), InputFormat.JSON);
                    errors.forEach(e -> problems.add("header " + name + ": " + value + ": " + e.getMessage()));
                }
            }
        }
        if ("HEAD".equals(method)) {
            return;
        }
        JsonNode content = response.path("content");
        String type = values(headers, "Content-Type").stream().findFirst().orElse(null);
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add("a body where the description has none");
            }
            return;
        }
        if (type == null) {
            if (body != null && !body.isEmpty()) {
                problems.add("a body without Content-Type");
            } else {
                problems.add("no body; described: " + names(content));
            }
            return;
        }
        String base = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(base)) {
            problems.add("Content-Type " + type + " not described; described: " + names(content));
            return;
        }
        if ((base.equals("application/json") || base.endsWith("+json")) && content.path(base).has("schema")) {
            Schema schema = schema(responsePointer + "/content/" + escape(base) + "/schema");
            try {
                JSON.readTree(body);
            } catch (JsonProcessingException e) {
                problems.add("body is not JSON: " + e.getOriginalMessage());
                return;
            }
            schema.validate(body, InputFormat.JSON).forEach(e -> problems.add("body: " + e.getMessage()));
        }
    }

    /** The schema at {@code pointer}, built once: the whole document with a root {@code $ref} to it. */
    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            ObjectNode document = root.deepCopy();
            document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            document.put("$ref", "#" + p);
            try {
                return SCHEMAS.getSchema(SchemaLocation.of("https://signoff.invalid/openapi.json"), JSON.writeValueAsString(document),
                        InputFormat.JSON);
            } catch (JsonProcessingException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Follows {@code $ref}s from {@code pointer} to the object they name. */
    private String target(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode node = root.at(current);
            if (!node.has("$ref")) {
                return current;
            }
            String ref = node.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("only local $refs are supported: " + ref);
            }
            current = ref.substring(1);
        }
        throw new AssertionError("a $ref cycle at " + pointer);
    }

    private JsonNode resolve(String pointer) {
        return root.at(target(pointer));
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return List.of();
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String origin(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getScheme() + "://" + uri.getHost() + ":" + port;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }
}
