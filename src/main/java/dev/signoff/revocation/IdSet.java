package dev.signoff.revocation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;

/**
 * A concurrent set of ids, each kept until an expiry, built for the revocation check on every request.
 *
 * <p>Signoff's own ids ({@code jti}, {@code sid}) are 128 random bits written as 22 base64url characters; they
 * are stored decoded, as two {@code long}s plus the expiry, in open-addressing arrays split into 64 segments:
 * no object per entry, 24 bytes per slot, 32 to 64 bytes per id at the load kept here. Any other id (a token
 * issued elsewhere with its own {@code jti} format) goes to an ordinary concurrent map.
 *
 * <p>Lookups take no lock: each reads its segment optimistically ({@link StampedLock#tryOptimisticRead()}) and
 * reads again under the read lock only if a write intervened. Writes lock one segment. This class is
 * thread-safe.
 */
final class IdSet {

    private static final int SEGMENT_BITS = 6;
    private static final int SEGMENTS = 1 << SEGMENT_BITS;
    private static final int INITIAL_CAPACITY = 16;
    private static final int SLOT = 3;

    private final Segment[] segments = new Segment[SEGMENTS];
    private final Map<String, Long> others = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    IdSet() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** One lock and one open-addressing table: {@code slots[3i]}, {@code slots[3i+1]} the id, {@code slots[3i+2]} the expiry. */
    private static final class Segment {
        final StampedLock lock = new StampedLock();
        long[] slots = new long[INITIAL_CAPACITY * SLOT];
        int count;
        long earliestExpiry = Long.MAX_VALUE;
    }

    boolean isEmpty() {
        return size.get() == 0;
    }

    int size() {
        return size.get();
    }

    boolean contains(String id) {
        // isCompact, high and low in one pass: this runs on every authenticated request
        if (id == null || id.length() != 22) {
            return id != null && !others.isEmpty() && others.containsKey(id);
        }
        long hi = 0;
        int check = 0;
        for (int i = 0; i < 10; i++) {
            int sextet = sextet(id.charAt(i));
            check |= sextet;
            hi = hi << 6 | sextet;
        }
        int middle = sextet(id.charAt(10));
        long lo = middle & 0x3;
        for (int i = 11; i < 21; i++) {
            int sextet = sextet(id.charAt(i));
            check |= sextet;
            lo = lo << 6 | sextet;
        }
        int last = sextet(id.charAt(21));
        check |= middle | last;
        hi = hi << 4 | middle >>> 2;
        lo = lo << 2 | last >>> 4;
        if (check < 0 || (last & 0xF) != 0 || (hi | lo) == 0) {
            return !others.isEmpty() && others.containsKey(id);
        }
        Segment segment = segments[(int) (hi >>> (64 - SEGMENT_BITS))];
        StampedLock lock = segment.lock;
        long stamp = lock.tryOptimisticRead();
        boolean found = find(segment.slots, hi, lo) >= 0;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                found = find(segment.slots, hi, lo) >= 0;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return found;
    }

    /** Adds {@code id} until {@code expiresAt} (any unit, compared with {@link #removeExpired}); an existing entry keeps the later expiry. */
    void add(String id, long expiresAt) {
        if (!isCompact(id)) {
            if (others.putIfAbsent(id, expiresAt) == null) {
                size.incrementAndGet();
            } else {
                others.merge(id, expiresAt, Math::max);
            }
            return;
        }
        long hi = high(id);
        long lo = low(id);
        Segment segment = segments[(int) (hi >>> (64 - SEGMENT_BITS))];
        long stamp = segment.lock.writeLock();
        try {
            int at = find(segment.slots, hi, lo);
            if (at >= 0) {
                segment.slots[at + 2] = Math.max(segment.slots[at + 2], expiresAt);
                return;
            }
            if ((segment.count + 1) * 4 > capacity(segment.slots) * 3) {
                segment.slots = rehash(segment.slots, capacity(segment.slots) * 2, Long.MIN_VALUE);
            }
            insert(segment.slots, hi, lo, expiresAt);
            segment.count++;
            segment.earliestExpiry = Math.min(segment.earliestExpiry, expiresAt);
            size.incrementAndGet();
        } finally {
            segment.lock.unlockWrite(stamp);
        }
    }

    /** Drops every entry whose expiry is before {@code now}; segments with nothing expired are not touched. */
    void removeExpired(long now) {
        for (Segment segment : segments) {
            if (segment.earliestExpiry >= now) {
                continue;
            }
            long stamp = segment.lock.writeLock();
            try {
                int before = segment.count;
                long[] kept = rehash(segment.slots, capacity(segment.slots), now);
                int count = 0;
                long earliest = Long.MAX_VALUE;
                for (int i = 0; i < kept.length; i += SLOT) {
                    if (kept[i] != 0 || kept[i + 1] != 0) {
                        count++;
                        earliest = Math.min(earliest, kept[i + 2]);
                    }
                }
                int capacity = capacity(kept);
                while (capacity > INITIAL_CAPACITY && count * 8 < capacity) {
                    capacity /= 2;
                }
                segment.slots = capacity == capacity(kept) ? kept : rehash(kept, capacity, Long.MIN_VALUE);
                segment.count = count;
                segment.earliestExpiry = earliest;
                size.addAndGet(count - before);
            } finally {
                segment.lock.unlockWrite(stamp);
            }
        }
        others.entrySet().removeIf(e -> {
            boolean expired = e.getValue() < now;
            if (expired) {
                size.decrementAndGet();
            }
            return expired;
        });
    }

    private static int capacity(long[] slots) {
        return slots.length / SLOT;
    }

    /** The index of the id's slot, or -1. Bounded, so that a torn optimistic read cannot loop. */
    private static int find(long[] slots, long hi, long lo) {
        int capacity = slots.length / SLOT;
        int mask = capacity - 1;
        int index = (int) lo & mask;
        for (int probes = 0; probes < capacity; probes++) {
            int at = index * SLOT;
            long h = slots[at];
            long l = slots[at + 1];
            if (h == hi && l == lo) {
                return at;
            }
            if (h == 0 && l == 0) {
                return -1;
            }
            index = (index + 1) & mask;
        }
        return -1;
    }

    private static void insert(long[] slots, long hi, long lo, long expiresAt) {
        int mask = slots.length / SLOT - 1;
        int index = (int) lo & mask;
        while (slots[index * SLOT] != 0 || slots[index * SLOT + 1] != 0) {
            index = (index + 1) & mask;
        }
        int at = index * SLOT;
        slots[at + 2] = expiresAt;
        slots[at + 1] = lo;
        slots[at] = hi;
    }

    /** A new table of {@code capacity} slots holding the entries of {@code slots} that expire at or after {@code keepFrom}. */
    private static long[] rehash(long[] slots, int capacity, long keepFrom) {
        long[] table = new long[capacity * SLOT];
        for (int i = 0; i < slots.length; i += SLOT) {
            if ((slots[i] != 0 || slots[i + 1] != 0) && slots[i + 2] >= keepFrom) {
                insert(table, slots[i], slots[i + 1], slots[i + 2]);
            }
        }
        return table;
    }

    /**
     * Whether {@code id} is 22 base64url characters in canonical form (the last one carrying 2 bits) and not all
     * zero bits, which marks an empty slot.
     */
    static boolean isCompact(String id) {
        if (id == null || id.length() != 22) {
            return false;
        }
        boolean zero = true;
        for (int i = 0; i < 22; i++) {
            int sextet = sextet(id.charAt(i));
            if (sextet < 0) {
                return false;
            }
            zero &= sextet == 0;
        }
        return !zero && (sextet(id.charAt(21)) & 0xF) == 0;
    }

    /** The first 64 bits of a {@linkplain #isCompact compact} id. */
    static long high(String id) {
        long value = 0;
        for (int i = 0; i < 10; i++) {
            value = value << 6 | sextet(id.charAt(i));
        }
        return value << 4 | sextet(id.charAt(10)) >>> 2;
    }

    /** The last 64 bits of a {@linkplain #isCompact compact} id. */
    static long low(String id) {
        long value = sextet(id.charAt(10)) & 0x3;
        for (int i = 11; i < 21; i++) {
            value = value << 6 | sextet(id.charAt(i));
        }
        return value << 2 | sextet(id.charAt(21)) >>> 4;
    }

    /** The 6-bit value of each base64url character, -1 for any other: a table, as branches on random ids mispredict. */
    private static final byte[] SEXTETS = new byte[128];

    static {
        java.util.Arrays.fill(SEXTETS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTETS[alphabet.charAt(i)] = (byte) i;
        }
    }

    private static int sextet(char c) {
        return c < 128 ? SEXTETS[c] : -1;
    }
}
