package dev.signoff.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsJsonTest {

    private static final Set<String> WANTED = Set.of("sub", "exp", "aud", "roles", "x");

    /** {@code h.PAYLOAD.s} with the JSON as its payload, read between the dots. */
    private static Map<String, Object> read(String json) throws IOException {
        String token = "h." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + ".s";
        return ClaimsJson.read(token.getBytes(StandardCharsets.ISO_8859_1), 2, token.lastIndexOf('.'), WANTED);
    }

    @Test
    void theWantedMembersKeepTheirJsonTypes() throws IOException {
        Map<String, Object> claims = read("{\"sub\":\"alice\",\"exp\":1700000000,\"aud\":[\"a\",\"b\"],\"roles\":null,"
                + "\"x\":{\"y\":[1.5,true,false,99999999999999999999]},\"other\":{\"deep\":[1,2,{\"z\":3}]}}");
        assertEquals("alice", claims.get("sub"));
        assertEquals(1700000000, claims.get("exp"));
        assertEquals(List.of("a", "b"), claims.get("aud"));
        assertTrue(claims.containsKey("roles"));
        assertNull(claims.get("roles"));
        assertEquals(Map.of("y", List.of(1.5, true, false, new BigInteger("99999999999999999999"))), claims.get("x"));
        assertEquals(Set.of("sub", "exp", "aud", "roles", "x"), claims.keySet(), "members not wanted are not kept");
        assertEquals(1_700_000_000_000L, ((Map<?, ?>) read("{\"exp\":1700000000000}")).get("exp"));
    }

    @Test
    void jsonNullIsNoObject() throws IOException {
        assertNull(read("null"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sub\":\"a\",\"sub\":\"b\"}", "{\"other\":1,\"other\":2}", "{\"x\":{\"y\":1,\"y\":2}}",
            "{\"other\":{\"y\":1,\"y\":2}}", "{\"other\":[{\"y\":1,\"y\":2}]}", "{\"sub\":null,\"sub\":\"b\"}",
            "{\"roles\":[],\"x\":1,\"roles\":[\"admin\"]}", "{\"sub\":\"a\"} {}", "{\"sub\":\"a\"}x", "{\"sub\":\"a\"", "{\"sub\":}", "[]", "1",
            "\"x\"", "true", "", "{sub:\"a\"}", "{'sub':'a'}", "{\"exp\":NaN}", "{\"exp\":01}", "{/*c*/\"sub\":\"a\"}",
            "{\"sub\":\"a\",}", "null null"})
    void anythingButOneStrictObjectIsRefused(String json) {
        assertThrows(IOException.class, () -> read(json));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"other\":" + "[".repeat(ClaimsJson.MAX_DEPTH + 1) + "]".repeat(ClaimsJson.MAX_DEPTH + 1) + "}";
        assertThrows(IOException.class, () -> read(deep));
    }

    @Test
    void aPayloadThatIsNotBase64UrlIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClaimsJson.read("h.abcde.s".getBytes(StandardCharsets.ISO_8859_1), 2, 7, WANTED));
    }
}
