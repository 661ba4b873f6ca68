package dev.signoff.token;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static VerifiedTokenCache.Entry entry(String token) {
        return entry(token, 1);
    }

    private static VerifiedTokenCache.Entry entry(String token, long expiresAt) {
        return new VerifiedTokenCache.Entry(token, new AccessToken("alice", "sid", "jti", Set.of(), 0, expiresAt), Long.MIN_VALUE);
    }

    @Test
    void answersOnlyForTheVeryStringThatWasPut() {
        VerifiedTokenCache cache = new VerifiedTokenCache(16);
        VerifiedTokenCache.Entry entry = entry("header.payload.signature-0123456789");
        cache.put(entry);
        assertSame(entry, cache.get(new String("header.payload.signature-0123456789")));
        assertNull(cache.get("header.payloaX.signature-0123456789"), "same slot, other token");
        assertNull(cache.get("header.payload.signature-0123456788"));
    }

    @Test
    void whenBothSlotsAreTakenTheTokenExpiringFirstMakesRoom() {
        VerifiedTokenCache cache = new VerifiedTokenCache(1);
        VerifiedTokenCache.Entry later = entry("a.b.later", 200);
        VerifiedTokenCache.Entry sooner = entry("a.b.sooner", 100);
        cache.put(sooner);
        cache.put(later);
        assertNull(cache.get("a.b.sooner"));
        assertSame(later, cache.get("a.b.later"));
        cache.put(entry("a.b.third", 300));
        assertNull(cache.get("a.b.later"));
    }

    @Test
    void twoTokensSharingTheirFirstSlotAreBothKept() {
        int size = 16;
        VerifiedTokenCache.Entry first = entry("header.payload." + Ids.newId());
        int slot = VerifiedTokenCache.hash(first.token()) & (size - 1);
        VerifiedTokenCache.Entry second;
        int hash;
        do {
            second = entry("header.payload." + Ids.newId());
            hash = VerifiedTokenCache.hash(second.token());
            // the second token's other slot must be free: the first token holds the slot they share
        } while ((hash & (size - 1)) != slot || (VerifiedTokenCache.second(hash) & (size - 1)) == slot);
        VerifiedTokenCache cache = new VerifiedTokenCache(size);
        cache.put(first);
        cache.put(second);
        assertSame(first, cache.get(first.token()));
        assertSame(second, cache.get(second.token()));
    }

    @Test
    void sizeZeroHoldsNothing() {
        VerifiedTokenCache cache = new VerifiedTokenCache(0);
        cache.put(entry("a.b.c"));
        assertNull(cache.get("a.b.c"));
    }

    @Test
    void onlyTheVerySameTokenMatches() {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0xMjM0NTY3ODkw";
        org.junit.jupiter.api.Assertions.assertTrue(VerifiedTokenCache.sameToken(token, new String(token.toCharArray())));
        org.junit.jupiter.api.Assertions.assertFalse(VerifiedTokenCache.sameToken(token, token.substring(0, token.length() - 1) + "1"));
        org.junit.jupiter.api.Assertions.assertFalse(VerifiedTokenCache.sameToken(token, token.replace("eyJzdWIi", "eyJzdWIj")));
        org.junit.jupiter.api.Assertions.assertFalse(VerifiedTokenCache.sameToken(token, token + "x"));
        org.junit.jupiter.api.Assertions.assertFalse(VerifiedTokenCache.sameToken(token, "x" + token.substring(1)));
    }
}
