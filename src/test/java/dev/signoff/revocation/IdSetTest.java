package dev.signoff.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.token.Ids;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void readersNeverMissAnEntryWhileWritersGrowAndPruneTheTable() throws Exception {
        IdSet set = new IdSet();
        List<String> permanent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String id = Ids.newId();
            permanent.add(id);
            set.add(id, Long.MAX_VALUE);
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 5000; i++) {
                        set.add(Ids.newId(), round);
                    }
                    set.removeExpired(round);
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int misses = 0;
                    while (!writer.isDone()) {
                        for (String id : permanent) {
                            if (!set.contains(id)) {
                                misses++;
                            }
                        }
                    }
                    return misses;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertEquals(0, reader.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
