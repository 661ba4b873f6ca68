package dev.signoff.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void refreshTokensCarry256BitsAndOnlyTheirHashIsKept() {
        String token = Ids.newRefreshToken();
        assertEquals(43, token.length());
        assertTrue(Ids.isRefreshTokenShaped(token));
        assertNotEquals(token, Ids.newRefreshToken());
        String hash = Ids.hash(token);
        assertEquals(43, hash.length());
        assertNotEquals(token, hash);
        assertEquals(hash, Ids.hash(token));
    }

    @Test
    void garbageIsNotRefreshTokenShaped() {
        assertFalse(Ids.isRefreshTokenShaped(null));
        assertFalse(Ids.isRefreshTokenShaped("short"));
        assertFalse(Ids.isRefreshTokenShaped("!".repeat(43)));
        assertEquals(22, Ids.newId().length());
    }
}
