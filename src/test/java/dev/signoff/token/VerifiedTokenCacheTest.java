package dev.signoff.token;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
    void whenEverySlotIsTakenTheEntryHeldLongestMakesRoom() {
        VerifiedTokenCache cache = new VerifiedTokenCache(1);
        VerifiedTokenCache.Entry held = entry("a.b.held", 300);
        VerifiedTokenCache.Entry expiringSooner = entry("a.b.sooner", 100);
        cache.put(held);
        cache.put(expiringSooner);
        assertNull(cache.get("a.b.held"));
        assertSame(expiringSooner, cache.get("a.b.sooner"));
    }

    @Test
    void eightTokensWithTheSameTwoBucketsAreAllKeptAndTheNinthReplacesTheOneHeldLongest() {
        VerifiedTokenCache cache = new VerifiedTokenCache(16);
        List<VerifiedTokenCache.Entry> same = new ArrayList<>();
        int first = -1;
        int second = -1;
        while (same.size() < 2 * VerifiedTokenCache.WAYS + 1) {
            VerifiedTokenCache.Entry entry = entry("header.payload." + Ids.newId(), 100 + same.size());
            int hash = VerifiedTokenCache.hash(entry.token());
            if (first < 0 && cache.first(hash) != cache.second(hash)) {
                first = cache.first(hash);
                second = cache.second(hash);
            }
            if (cache.first(hash) == first && cache.second(hash) == second) {
                same.add(entry);
            }
        }
        for (VerifiedTokenCache.Entry entry : same.subList(0, 2 * VerifiedTokenCache.WAYS)) {
            cache.put(entry);
        }
        for (VerifiedTokenCache.Entry entry : same.subList(0, 2 * VerifiedTokenCache.WAYS)) {
            assertSame(entry, cache.get(entry.token()));
        }
        cache.put(same.get(2 * VerifiedTokenCache.WAYS));
        assertNull(cache.get(same.get(0).token()), "the token held longest made room");
        for (VerifiedTokenCache.Entry entry : same.subList(1, 2 * VerifiedTokenCache.WAYS + 1)) {
            assertSame(entry, cache.get(entry.token()));
        }
    }

    /**
     * Tokens presented in turn, as the clients of a node present theirs, by half the cache's size: each miss is a full
     * verification. Once every token has been seen, the tokens in use do not evict each other.
     */
    @Test
    void halfAsManyTokensInUseAsSlotsAreAllHeld() {
        VerifiedTokenCache cache = new VerifiedTokenCache(8192);
        List<VerifiedTokenCache.Entry> inUse = entries(4000, 1_000);
        present(cache, inUse);
        present(cache, inUse);
        int misses = present(cache, inUse) + present(cache, inUse);
        // with two single slots per token about 360 of these 8,000 would miss; the margin covers a rare crowded pair of buckets
        assertTrue(misses <= 8, misses + " misses in the last 8,000 presentations");
    }

    /**
     * The tokens in use expire before the tokens of a burst of new ones (issued later, with the same lifetime). Once
     * the burst has filled the cache and passed, they come back in and stay.
     */
    @Test
    void theTokensInUseComeBackAfterABurstOfNewTokens() {
        VerifiedTokenCache cache = new VerifiedTokenCache(8192);
        List<VerifiedTokenCache.Entry> inUse = entries(1000, 1_000);
        present(cache, inUse);
        present(cache, entries(65_536, 100_000));
        present(cache, inUse);
        int misses = present(cache, inUse);
        // evicting the entry expiring first, a quarter (two single slots) to a half (two buckets) would miss, on every pass
        assertTrue(misses <= 4, misses + " misses in the second pass after the burst");
    }

    /** {@code count} entries of distinct random tokens, expiring one after another from {@code firstExpiry}. */
    private static List<VerifiedTokenCache.Entry> entries(int count, long firstExpiry) {
        List<VerifiedTokenCache.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry("header.payload." + Ids.newId() + Ids.newId(), firstExpiry + i));
        }
        return entries;
    }

    /** Presents each token in turn as the verifier does (a miss verifies, then puts); returns the misses. */
    private static int present(VerifiedTokenCache cache, List<VerifiedTokenCache.Entry> entries) {
        int misses = 0;
        for (VerifiedTokenCache.Entry entry : entries) {
            if (cache.get(entry.token()) == null) {
                cache.put(entry);
                misses++;
            }
        }
        return misses;
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
