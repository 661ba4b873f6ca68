package dev.signoff.token;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Tokens whose signature and time-independent claims have verified, so that a token presented again (a client sends
 * the same access token with every request for its whole lifetime) is recognised by one string comparison
 * (constant-time over the signature) instead of being parsed and verified again. The key is the whole compact JWS,
 * signature included: a hit is the very string that verified, with the same keys, so nothing a forger controls can
 * reach a cached result. Time claims ({@code exp}, {@code nbf}, {@code iat}) are not part of what is cached: the
 * verifier checks them on every use. Refused tokens are never cached.
 *
 * <p>Bounded: the {@code size} slots form buckets of {@value #WAYS}, and each token has two candidate buckets, chosen
 * from its last characters (its signature, which is uniformly distributed). A new entry takes a free slot of its
 * eight, else replaces the entry held longest. At most {@code size} tokens are held, about 700 bytes each for
 * Signoff's own tokens. Lock-free; this class is thread-safe.
 *
 * <p>Eight candidates rather than two keep the tokens in use from evicting each other long before the cache is full:
 * 4,000 tokens presented in turn to a cache of 8,192 are all held, where with two single slots each about one
 * presentation in 22 misses, each miss a full verification (over a millisecond for ES256 on Java 17). The entry held
 * longest makes room rather than the one expiring first: the tokens in use are older than any burst of new ones (a
 * wave of logins, many clients each calling once) and so expire first; once a burst had filled the cache they would
 * evict each other on every presentation for as long as the burst's tokens stayed (1,000 tokens in use after 65,536
 * new ones: a quarter of their presentations missed with two single slots, half with two buckets of four). With the
 * entry held longest making room, each comes back with one miss and stays. {@code VerifiedTokenCacheTest} shows both.
 *
 * <p>Beside each slot the hash of its token is kept in a dense array that stays in the CPU caches, a bucket's four in
 * one cache line: a token that is not held (every token the first time it is seen) is told apart without reading the
 * slots' entries and strings, which are mostly out of the caches. The hash only filters: a hit is always confirmed by
 * comparing the tokens, and a hash read while its slot is being replaced at worst misses an entry, which costs a full
 * verification and nothing else.
 */
final class VerifiedTokenCache {

    /** What a verified token says, apart from the time checks. */
    record Entry(String token, AccessToken claims, long notBefore) {
    }

    /** Slots per bucket. */
    static final int WAYS = 4;

    private static final int HASHED_CHARACTERS = 16;

    private final AtomicReferenceArray<Entry> slots;
    /** The hash of each slot's token; read and written without ordering: a filter in front of {@link #slots}. */
    private final int[] hashes;
    /** When each slot was filled, in {@link #stores}; read and written without ordering, a hint for {@link #put}. */
    private final long[] storedAt;
    private final AtomicLong stores = new AtomicLong();
    /** Slots per bucket: {@link #WAYS}, or fewer in a cache smaller than one bucket. */
    private final int ways;
    /** Selects a bucket's first slot from a hash: the bucket bits, shifted past the slots within a bucket. */
    private final int bucketMask;

    /** @param size the number of slots, a power of two; 0 caches nothing */
    VerifiedTokenCache(int size) {
        if (size < 0 || Integer.bitCount(size) > 1) {
            throw new IllegalArgumentException("the size must be 0 or a power of two, not " + size);
        }
        this.slots = size == 0 ? null : new AtomicReferenceArray<>(size);
        this.hashes = new int[size];
        this.storedAt = new long[size];
        this.ways = Math.min(size, WAYS);
        this.bucketMask = size - ways;
    }

    /** The entry of exactly this token, or {@code null}. */
    Entry get(String token) {
        if (slots == null) {
            return null;
        }
        int hash = hash(token);
        Entry entry = find(first(hash), hash, token);
        return entry != null ? entry : find(second(hash), hash, token);
    }

    private Entry find(int bucket, int hash, String token) {
        for (int slot = bucket; slot < bucket + ways; slot++) {
            if (hashes[slot] == hash) {
                Entry entry = slots.get(slot);
                if (entry != null && sameToken(entry.token(), token)) {
                    return entry;
                }
            }
        }
        return null;
    }

    /**
     * Whether two tokens are the same string. The signature, the part that makes a token a credential, is compared
     * in time that does not depend on where it differs, so that a prober learns nothing of it; the header and
     * claims before it are compared as plain strings, since they are not what a forger lacks.
     */
    static boolean sameToken(String cached, String presented) {
        int length = cached.length();
        if (presented.length() != length) {
            return false;
        }
        int signature = cached.lastIndexOf('.') + 1;
        if (!cached.regionMatches(0, presented, 0, signature)) {
            return false;
        }
        int difference = 0;
        for (int i = signature; i < length; i++) {
            difference |= cached.charAt(i) ^ presented.charAt(i);
        }
        return difference == 0;
    }

    void put(Entry entry) {
        if (slots == null) {
            return;
        }
        int hash = hash(entry.token());
        int free = -1;
        int oldest = -1;
        long oldestStore = Long.MAX_VALUE;
        for (int candidate = 0; candidate < 2; candidate++) {
            int bucket = candidate == 0 ? first(hash) : second(hash);
            for (int slot = bucket; slot < bucket + ways; slot++) {
                Entry held = slots.get(slot);
                if (held == null) {
                    free = free < 0 ? slot : free;
                } else if (hashes[slot] == hash && held.token().equals(entry.token())) {
                    store(slot, entry, hash);
                    return;
                } else if (storedAt[slot] < oldestStore) {
                    oldest = slot;
                    oldestStore = storedAt[slot];
                }
            }
        }
        store(free >= 0 ? free : oldest, entry, hash);
    }

    private void store(int slot, Entry entry, int hash) {
        storedAt[slot] = stores.incrementAndGet();
        slots.set(slot, entry);
        hashes[slot] = hash;
    }

    /** The first slot of the token's first bucket. */
    int first(int hash) {
        return hash * ways & bucketMask;
    }

    /** The first slot of the token's second bucket (which may be the first). */
    int second(int hash) {
        return Integer.rotateLeft(hash * 0x9E3779B9, 16) * ways & bucketMask;
    }

    static int hash(String token) {
        int hash = 0;
        for (int i = Math.max(0, token.length() - HASHED_CHARACTERS); i < token.length(); i++) {
            hash = 31 * hash + token.charAt(i);
        }
        return hash ^ hash >>> 16;
    }
}
