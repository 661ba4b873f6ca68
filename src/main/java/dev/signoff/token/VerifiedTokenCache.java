package dev.signoff.token;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Tokens whose signature and time-independent claims have verified, so that a token presented again (a client sends
 * the same access token with every request for its whole lifetime) is recognised by one string comparison (constant-time over the signature) instead of
 * being parsed and verified again. The key is the whole compact JWS, signature included: a hit is the very string that
 * verified, with the same keys, so nothing a forger controls can reach a cached result. Time claims ({@code exp},
 * {@code nbf}, {@code iat}) are not part of what is cached: the verifier checks them on every use. Refused tokens are
 * never cached.
 *
 * <p>Bounded, two-way: each token has two candidate slots among {@code size}, chosen from its last characters (its
 * signature, which is uniformly distributed). A new entry takes a free candidate slot, else replaces the candidate whose
 * token expires first. At most {@code size} tokens are held, about 700 bytes each for Signoff's own tokens. Lock-free;
 * this class is thread-safe.
 *
 * <p>Beside each slot the hash of its token is kept in a dense array that stays in the CPU caches: a token that is not
 * held (every token the first time it is seen) is told apart without reading the slots' entries and strings, which
 * are mostly out of the caches. The hash only filters: a hit is always confirmed by comparing the tokens, and a hash
 * read while its slot is being replaced at worst misses an entry, which costs a full verification and nothing else.
 */
final class VerifiedTokenCache {

    /** What a verified token says, apart from the time checks. */
    record Entry(String token, AccessToken claims, long notBefore) {
    }

    private static final int HASHED_CHARACTERS = 16;

    private final AtomicReferenceArray<Entry> slots;
    /** The hash of each slot's token; read and written without ordering: a filter in front of {@link #slots}. */
    private final int[] hashes;
    private final int mask;

    /** @param size the number of slots, a power of two; 0 caches nothing */
    VerifiedTokenCache(int size) {
        if (size < 0 || Integer.bitCount(size) > 1) {
            throw new IllegalArgumentException("the size must be 0 or a power of two, not " + size);
        }
        this.slots = size == 0 ? null : new AtomicReferenceArray<>(size);
        this.hashes = new int[size];
        this.mask = size - 1;
    }

    /** The entry of exactly this token, or {@code null}. */
    Entry get(String token) {
        if (slots == null) {
            return null;
        }
        int hash = hash(token);
        int first = hash & mask;
        if (hashes[first] == hash) {
            Entry entry = slots.get(first);
            if (entry != null && sameToken(entry.token(), token)) {
                return entry;
            }
        }
        int second = second(hash) & mask;
        if (hashes[second] == hash) {
            Entry entry = slots.get(second);
            if (entry != null && sameToken(entry.token(), token)) {
                return entry;
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
        int first = hash & mask;
        int second = second(hash) & mask;
        Entry inFirst = slots.get(first);
        Entry inSecond = slots.get(second);
        int slot;
        if (inFirst == null || hashes[first] == hash && inFirst.token().equals(entry.token())) {
            slot = first;
        } else if (inSecond == null || hashes[second] == hash && inSecond.token().equals(entry.token())) {
            slot = second;
        } else {
            slot = inFirst.claims().expiresAt() <= inSecond.claims().expiresAt() ? first : second;
        }
        slots.set(slot, entry);
        hashes[slot] = hash;
    }

    static int hash(String token) {
        int hash = 0;
        for (int i = Math.max(0, token.length() - HASHED_CHARACTERS); i < token.length(); i++) {
            hash = 31 * hash + token.charAt(i);
        }
        return hash ^ hash >>> 16;
    }

    static int second(int hash) {
        return Integer.rotateLeft(hash * 0x9E3779B9, 16);
    }
}
