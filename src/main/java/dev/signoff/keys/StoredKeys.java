package dev.signoff.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.signoff.store.SigningKeyTable;
import dev.signoff.store.StoreException;
import dev.signoff.token.Ids;
import dev.signoff.token.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The signing keys Signoff makes and keeps in its database when none is configured, shared by every node on that
 * database, and their rotation.
 *
 * <p>At start, and then every sync interval on its own thread, the keys of the algorithm are read from the
 * {@link SigningKeyTable}. With none (the first start), a key is made and inserted as generation 1; when the newest
 * key is older than {@code signoff.key-rotation}, the next generation is made. Nodes doing either at the same moment
 * insert the same primary key, so one insert commits and the others read the winner's key: every node ends with the
 * same key. The newest generation signs; an older one verifies for {@code horizon} after its successor appeared (the
 * access-token lifetime, the clock skew, and the time other nodes take to pick the successor up), then leaves the JWK
 * set, and the purge deletes its row. What was read is {@link SigningKeys#install installed} as one immutable snapshot:
 * the authenticated path never waits for this class nor touches the database.
 *
 * <p>A failed read after start is logged once per outage and retried at the next tick; the keys installed stay.
 * This class is thread-safe; it stops its thread on {@link #close()}.
 */
public final class StoredKeys implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoredKeys.class.getName());

    /** The RSA modulus Signoff makes for RS256. */
    static final int RSA_BITS = 2048;

    private final SigningKeys keys;
    private final SigningKeyTable table;
    private final KeyMaterial material;
    private final Clock clock;
    private final Duration rotation;
    private final long horizonMillis;
    private final boolean purge;
    private final String algorithm;
    private final ScheduledExecutorService executor;
    /** The keys opened so far, by {@code kid}; guarded by {@code this}. */
    private final Map<String, JWK> opened = new HashMap<>();
    /** The signing {@code kid} followed by the verifying ones, as installed; guarded by {@code this}. */
    private List<String> installed = List.of();
    private boolean failing;

    private StoredKeys(SigningKeys keys, SigningKeyTable table, KeySettings settings, Clock clock, long horizonMillis, boolean purge) {
        this.keys = keys;
        this.table = table;
        this.material = new KeyMaterial(settings.keyEncryptionKey());
        this.clock = clock;
        this.rotation = settings.rotation();
        this.horizonMillis = horizonMillis;
        this.purge = purge;
        this.algorithm = keys.algorithm().getName();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "signoff-key-sync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Reads (or makes) the keys and installs them into {@code keys}, then follows other nodes' rotations.
     *
     * @param horizonMillis how long a key verifies after its successor appeared
     * @param purge         whether rows of keys past their horizon are deleted ({@code signoff.purge.interval} not 0s)
     * @param interval      how often the table is read again
     * @throws StoreException when the table cannot be read or written
     * @throws dev.signoff.config.ConfigException naming {@value KeySettings#KEY_ENCRYPTION_KEY} when a stored key cannot
     *                                            be opened with the configured one
     */
    public static StoredKeys start(SigningKeys keys, SigningKeyTable table, KeySettings settings, Clock clock, long horizonMillis,
                                   boolean purge, Duration interval) {
        if (settings.keyEncryptionKey() == null) {
            LOG.log(System.Logger.Level.WARNING, "Signoff keeps its signing keys in its database unencrypted: anyone who can "
                    + "read the database can sign tokens. Set {0} (or {0}-env, {0}-file) to encrypt them", KeySettings.KEY_ENCRYPTION_KEY);
        }
        StoredKeys stored = new StoredKeys(keys, table, settings, clock, horizonMillis, purge);
        stored.refresh();
        long ms = interval.toMillis();
        stored.executor.scheduleWithFixedDelay(stored::tick, ms, ms, TimeUnit.MILLISECONDS);
        return stored;
    }

    private void tick() {
        try {
            refresh();
            if (failing) {
                failing = false;
                LOG.log(System.Logger.Level.INFO, "the signing keys can be read from the database again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(System.Logger.Level.WARNING, "cannot read the signing keys from the database ({0}); signing and "
                        + "verifying with the keys known so far", e.getMessage());
            }
        }
    }

    /** One read: make the first key or the next generation when due, install what verifies, purge what no longer does. */
    synchronized void refresh() {
        long now = clock.millis();
        List<SigningKeyTable.Row> rows = table.keys(algorithm);
        if (rows.isEmpty()) {
            make(1, now);
            rows = table.keys(algorithm);
        } else if (rotation != null && now - rows.get(rows.size() - 1).createdAt() >= rotation.toMillis()) {
            make(rows.get(rows.size() - 1).generation() + 1, now);
            rows = table.keys(algorithm);
        }
        if (rows.isEmpty()) {
            throw new StoreException("no " + algorithm + " signing key could be stored in signoff_signing_key", null);
        }
        List<SigningKeyTable.Row> live = new ArrayList<>();
        List<Long> dead = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            SigningKeyTable.Row successor = i + 1 < rows.size() ? rows.get(i + 1) : null;
            if (successor == null || now - successor.createdAt() < horizonMillis) {
                live.add(rows.get(i));
            } else {
                dead.add(rows.get(i).generation());
            }
        }
        SigningKeyTable.Row signing = rows.get(rows.size() - 1);
        List<String> wanted = new ArrayList<>();
        wanted.add(signing.kid());
        live.forEach(row -> wanted.add(row.kid()));
        if (!wanted.equals(installed)) {
            install(signing, live, wanted);
        }
        if (purge && !dead.isEmpty()) {
            int deleted = table.delete(algorithm, dead);
            LOG.log(System.Logger.Level.DEBUG, "deleted {0} signing keys past their last token''s expiry", deleted);
        }
    }

    private void install(SigningKeyTable.Row signing, List<SigningKeyTable.Row> live, List<String> wanted) {
        List<JWK> verifying = new ArrayList<>();
        Map<String, JWK> kept = new HashMap<>();
        for (SigningKeyTable.Row row : live) {
            JWK jwk = opened.get(row.kid());
            if (jwk == null) {
                jwk = material.open(row.kid(), row.material());
            }
            kept.put(row.kid(), jwk);
            verifying.add(jwk);
        }
        try {
            keys.install(kept.get(signing.kid()), verifying);
        } catch (JOSEException | RuntimeException e) {
            throw new StoreException("the stored signing key " + signing.kid() + " is unusable with " + algorithm + ": "
                    + e.getMessage(), e);
        }
        boolean first = installed.isEmpty();
        opened.clear();
        opened.putAll(kept);
        String previousSigner = first ? null : installed.get(0);
        installed = List.copyOf(wanted);
        if (first || !signing.kid().equals(previousSigner)) {
            LOG.log(System.Logger.Level.INFO, "Signoff signs with the stored {0} key {1} (generation {2}); {3} key(s) verify",
                    algorithm, signing.kid(), signing.generation(), live.size());
        }
    }

    /** Makes and inserts the key of {@code generation}, unless another node inserted it first. */
    private void make(long generation, long now) {
        JWK jwk = generate(keys.algorithm(), Ids.newId());
        boolean won = table.insert(new SigningKeyTable.Row(algorithm, generation, jwk.getKeyID(), material.seal(jwk), now));
        LOG.log(System.Logger.Level.INFO, won ? "made the {0} signing key {1} (generation {2}){3}"
                : "another node made the {0} signing key of generation {2} first; using that one",
                algorithm, jwk.getKeyID(), generation, material.encrypts() ? ", stored encrypted" : "");
    }

    /** A new private key for {@code algorithm}: a 256-bit HMAC secret, an RSA-2048, P-256 or Ed25519 key pair. */
    static JWK generate(JWSAlgorithm algorithm, String kid) {
        try {
            if (JWSAlgorithm.HS256.equals(algorithm)) {
                return new OctetSequenceKeyGenerator(256).keyID(kid).algorithm(algorithm).generate();
            }
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                return new RSAKeyGenerator(RSA_BITS).keyID(kid).algorithm(algorithm).generate();
            }
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(algorithm).generate();
            }
            return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).algorithm(algorithm).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
