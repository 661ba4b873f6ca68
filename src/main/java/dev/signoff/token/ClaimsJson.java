package dev.signoff.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the claims of a JWS payload in one pass of Jackson's streaming parser, as they were sent: the members named
 * are read as strings, numbers ({@code Integer}, {@code Long}, {@code BigInteger}, {@code Double}), booleans,
 * {@code null}, lists and maps, so that the verifier sees each claim's JSON type; the other members are read the same
 * way (and so checked) but not kept. Strict: a duplicate member name at any level (which could make two readers see
 * two different claims), anything after the object, comments, non-numeric numbers and nesting deeper than
 * {@value #MAX_DEPTH} levels are refused. Thread-safe.
 *
 * <p>Duplicates are found by the maps the members are read into, not by the parser's own detection, which keeps a
 * second set of every object's names: the member names come canonicalized from the parser, their hashes already
 * computed, so the check costs one lookup in a map that is being filled anyway.
 */
final class ClaimsJson {

    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private ClaimsJson() {
    }

    /**
     * The members {@code wanted} of the JSON object encoded in base64url between {@code from} and {@code to} of
     * {@code token} (its characters, one byte each), or {@code null} when the JSON is {@code null}.
     *
     * @throws IOException              when it is not one JSON object
     * @throws IllegalArgumentException when it is not base64url
     */
    static Map<String, Object> read(byte[] token, int from, int to, Set<String> wanted) throws IOException {
        ByteBuffer json = Base64.getUrlDecoder().decode(ByteBuffer.wrap(token, from, to - from));
        try (JsonParser parser = FACTORY.createParser(json.array(), json.arrayOffset() + json.position(), json.remaining())) {
            JsonToken first = parser.nextToken();
            Map<String, Object> claims = null;
            if (first == JsonToken.START_OBJECT) {
                claims = new HashMap<>(32);
                Set<String> others = null;
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    Object value = value(parser);
                    boolean unseen;
                    if (wanted.contains(name)) {
                        unseen = !claims.containsKey(name);
                        claims.put(name, value);
                    } else {
                        others = others == null ? new HashSet<>() : others;
                        unseen = others.add(name);
                    }
                    if (!unseen) {
                        throw duplicate(parser);
                    }
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new JsonParseException(parser, "unterminated object");
                }
            } else if (first != JsonToken.VALUE_NULL) {
                throw new JsonParseException(parser, "not a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "content after the JSON value");
            }
            return claims;
        }
    }

    /** The value at the parser's current token, read to its end. */
    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end");
        }
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    Object value = value(parser);
                    if (map.containsKey(name)) {
                        throw duplicate(parser);
                    }
                    map.put(name, value);
                }
                yield map;
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private static JsonParseException duplicate(JsonParser parser) {
        return new JsonParseException(parser, "duplicate member name");
    }
}
