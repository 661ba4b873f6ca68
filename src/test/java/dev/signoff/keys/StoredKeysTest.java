package dev.signoff.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.signoff.config.ConfigException;
import dev.signoff.fakes.MovableClock;
import dev.signoff.store.Database;
import dev.signoff.store.DatabaseSettings;
import dev.signoff.store.SigningKeyTable;
import dev.signoff.token.SigningKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored keys on a real (in-memory H2) database, with a clock the test moves. */
class StoredKeysTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long HORIZON = Duration.ofMinutes(20).toMillis();
    private static final byte[] KEK = new byte[32];

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<StoredKeys> started = new ArrayList<>();
    private Database database;
    private SigningKeyTable table;

    @BeforeEach
    void open() {
        database = Database.open(new DatabaseSettings("none", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                null, null, null, true, 4));
        table = new SigningKeyTable(database);
    }

    @AfterEach
    void close() {
        started.forEach(StoredKeys::close);
        database.close();
    }

    private StoredKeys start(SigningKeys keys, Duration rotation, byte[] kek) {
        StoredKeys stored = StoredKeys.start(keys, table, new KeySettings(rotation, kek), clock, HORIZON, true, HOUR);
        started.add(stored);
        return stored;
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "RS256", "ES256", "EdDSA"})
    void theFirstStartMakesOneKeyThatTheNextStartReadsBack(String algorithm) {
        SigningKeys first = SigningKeys.stored(JWSAlgorithm.parse(algorithm));
        start(first, null, null);
        assertEquals(1, table.keys(algorithm).size());
        SigningKeys again = SigningKeys.stored(JWSAlgorithm.parse(algorithm));
        start(again, null, null);
        assertEquals(first.signingKeyId(), again.signingKeyId(), "a restart signs with the same key");
        assertEquals(1, table.keys(algorithm).size());
        assertEquals(first.publicJwkSetJson(), again.publicJwkSetJson());
        assertEquals(algorithm.equals("HS256") ? 0 : 1, parse(again.publicJwkSetJson()).getKeys().size());
    }

    @Test
    void nodesStartingAtOnceOnAnEmptyTableEndWithOneKey() throws Exception {
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> kids = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Callable<String> node = () -> {
                SigningKeys keys = SigningKeys.stored(JWSAlgorithm.ES256);
                go.await();
                StoredKeys stored = StoredKeys.start(keys, table, new KeySettings(null, null), clock, HORIZON, true, HOUR);
                synchronized (started) {
                    started.add(stored);
                }
                return keys.signingKeyId();
            };
            kids.add(pool.submit(node));
        }
        go.countDown();
        Set<String> distinct = new java.util.HashSet<>();
        for (Future<String> kid : kids) {
            distinct.add(kid.get());
        }
        pool.shutdown();
        assertEquals(1, distinct.size(), "every node signs with the same key");
        assertEquals(1, table.keys("ES256").size());
    }

    @Test
    void aRotationSignsWithTheNextKeyKeepsTheOldOneForItsHorizonThenPurgesIt() {
        SigningKeys keys = SigningKeys.stored(JWSAlgorithm.ES256);
        StoredKeys stored = start(keys, HOUR, null);
        SigningKeys other = SigningKeys.stored(JWSAlgorithm.ES256);
        StoredKeys otherNode = start(other, HOUR, null);
        String first = keys.signingKeyId();

        clock.now = clock.now.plus(Duration.ofMinutes(59));
        stored.refresh();
        assertEquals(first, keys.signingKeyId(), "not due yet");

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        stored.refresh();
        String second = keys.signingKeyId();
        assertNotEquals(first, second);
        assertEquals(Set.of(first, second), keys.keyIds());
        assertEquals(2, parse(keys.publicJwkSetJson()).getKeys().size());
        otherNode.refresh();
        assertEquals(second, other.signingKeyId(), "the other node reads the rotation instead of making its own");
        assertEquals(2, table.keys("ES256").size());

        clock.now = clock.now.plus(Duration.ofMillis(HORIZON - 1));
        stored.refresh();
        assertTrue(keys.keyIds().contains(first), "the old key verifies until its last token expired");

        clock.now = clock.now.plusMillis(1);
        stored.refresh();
        assertEquals(Set.of(second), keys.keyIds());
        assertEquals(1, parse(keys.publicJwkSetJson()).getKeys().size());
        assertEquals(List.of(2L), table.keys("ES256").stream().map(SigningKeyTable.Row::generation).toList(), "purged");
    }

    @Test
    void withAKeyEncryptionKeyTheMaterialIsEncryptedAndAnotherKeyCannotOpenIt() {
        SigningKeys keys = SigningKeys.stored(JWSAlgorithm.HS256);
        start(keys, null, KEK);
        String material = table.keys("HS256").get(0).material();
        assertFalse(material.contains("\"k\""), "no JWK in the clear");
        assertEquals(5, material.split("\\.", -1).length, "a compact JWE");

        SigningKeys same = SigningKeys.stored(JWSAlgorithm.HS256);
        start(same, null, KEK);
        assertEquals(keys.signingKeyId(), same.signingKeyId());

        byte[] wrong = KEK.clone();
        wrong[0] = 1;
        ConfigException e = assertThrows(ConfigException.class, () -> start(SigningKeys.stored(JWSAlgorithm.HS256), null, wrong));
        assertEquals(KeySettings.KEY_ENCRYPTION_KEY, e.parameter());
        ConfigException none = assertThrows(ConfigException.class, () -> start(SigningKeys.stored(JWSAlgorithm.HS256), null, null));
        assertEquals(KeySettings.KEY_ENCRYPTION_KEY, none.parameter());
        assertFalse(e.getMessage().contains(material), e.getMessage());
    }

    @Test
    void withAKeyEncryptionKeyAPlainKeyPlantedInTheTableIsRefused() {
        start(SigningKeys.stored(JWSAlgorithm.HS256), null, null);
        ConfigException e = assertThrows(ConfigException.class, () -> start(SigningKeys.stored(JWSAlgorithm.HS256), null, KEK));
        assertTrue(e.getMessage().contains("is not encrypted"), e.getMessage());
    }

    private static JWKSet parse(String json) {
        try {
            return JWKSet.parse(json);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
