package dev.signoff.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.Waits;
import dev.signoff.token.Ids;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdSetTest {

    @Test
    void decodesSignoffIdsToTheirBits() {
        for (int i = 0; i < 1000; i++) {
            String id = Ids.newId();
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(id));
            assertTrue(IdSet.isCompact(id), id);
            assertEquals(bytes.getLong(0), IdSet.high(id), id);
            assertEquals(bytes.getLong(8), IdSet.low(id), id);
        }
        assertFalse(IdSet.isCompact("AAAAAAAAAAAAAAAAAAAAAA"), "all zero bits mark an empty slot");
        assertFalse(IdSet.isCompact("AAAAAAAAAAAAAAAAAAAAAB"), "non-canonical last character");
        assertFalse(IdSet.isCompact("not-22-characters"));
        assertFalse(IdSet.isCompact("AAAAAAAAAAAAAAAAAAAA!A"));
    }

    @Test
    void holdsCompactAndForeignIdsUntilTheyExpire() {
        IdSet set = new IdSet();
        assertTrue(set.isEmpty());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String id = Ids.newId();
            ids.add(id);
            set.add(id, i % 2 == 0 ? 100 : 200);
        }
        set.add("foreign-jti-1", 100);
        set.add("AAAAAAAAAAAAAAAAAAAAAA", 200);
        set.add(ids.get(0), 50);
        assertEquals(50_002, set.size());
        for (String id : ids) {
            assertTrue(set.contains(id));
        }
        assertTrue(set.contains("foreign-jti-1"));
        assertTrue(set.contains("AAAAAAAAAAAAAAAAAAAAAA"));
        for (int i = 0; i < 1000; i++) {
            assertFalse(set.contains(Ids.newId()));
        }
        set.removeExpired(150);
        assertEquals(25_001, set.size());
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i % 2 == 1, set.contains(ids.get(i)), "entry " + i);
        }
        assertFalse(set.contains("foreign-jti-1"));
        set.removeExpired(201);
        assertTrue(set.isEmpty());
    }

    @Test
    void idsAlmostInSignoffsFormAreHeldAsForeignIdsAndNeverConfusedWithTheirCompactTwin() {
        IdSet set = new IdSet();
        String id = "Q" + Ids.newId().substring(1, 21) + "A";
        set.add(id, 100);
        List<String> near = List.of("!" + id.substring(1), id.substring(0, 10) + "." + id.substring(11), id.substring(0, 21) + "B",
                id.substring(0, 21) + "\u00e9", id + "A", id.substring(1));
        for (String other : near) {
            assertFalse(set.contains(other), other);
            set.add(other, 100);
            assertTrue(set.contains(other), other);
        }
        assertTrue(set.contains(id));
        assertEquals(1 + near.size(), set.size());
        assertFalse(set.contains(null));
    }

    /**
     * Two readers look up a thousand permanent ids over and over while a writer adds and prunes 100,000 others (the
     * table grows and is rebuilt). The writer waits, in every round, for each reader to finish a pass that began
     * in that round, so that the reads overlap the writes by construction, and each reader counts its passes.
     */
    @Test
    void readersNeverMissAnEntryWhileWritersGrowAndPruneTheTable() throws Exception {
        IdSet set = new IdSet();
        List<String> permanent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String id = Ids.newId();
            permanent.add(id);
            set.add(id, Long.MAX_VALUE);
        }
        int rounds = 20;
        int readerCount = 2;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<AtomicInteger> passes = new ArrayList<>();
        for (int r = 0; r < readerCount; r++) {
            passes.add(new AtomicInteger());
        }
        ExecutorService pool = Executors.newFixedThreadPool(readerCount + 1);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < readerCount; r++) {
                AtomicInteger done = passes.get(r);
                readers.add(pool.submit(() -> {
                    int misses = 0;
                    while (writing.get()) {
                        for (String id : permanent) {
                            if (!set.contains(id)) {
                                misses++;
                            }
                        }
                        done.incrementAndGet();
                    }
                    return misses;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int round = 0; round < rounds; round++) {
                    int[] before = passes.stream().mapToInt(AtomicInteger::get).toArray();
                    for (int i = 0; i < 5000; i++) {
                        set.add(Ids.newId(), round);
                    }
                    set.removeExpired(round);
                    // a pass that started before this round's writes may have ended during them: wait for two more
                    Waits.uninterruptiblyUntil("every reader reads during round " + round, System.nanoTime(), Duration.ofSeconds(60),
                            Duration.ofMillis(1), () -> IntStream.range(0, readerCount).allMatch(r -> passes.get(r).get() >= before[r] + 2));
                }
                writing.set(false);
            });
            writer.get(120, TimeUnit.SECONDS);
            for (int r = 0; r < readerCount; r++) {
                assertEquals(0, readers.get(r).get(60, TimeUnit.SECONDS), "reader " + r + " missed a permanent id");
                assertTrue(passes.get(r).get() >= 2 * rounds, "reader " + r + " read in every round: " + passes.get(r).get() + " passes");
            }
            System.out.printf("IDSET: %d readers made %s passes of %d lookups while the writer ran %d rounds%n", readerCount, passes,
                    permanent.size(), rounds);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }
}
