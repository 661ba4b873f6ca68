package dev.signoff.store;

import java.util.List;
import java.util.Objects;

/**
 * The table of the signing keys Signoff keeps itself ({@link StoredSigningKey}): read whole, inserted with a fixed
 * primary key so that of two nodes inserting the same generation exactly one wins, and purged. No statement of it
 * runs on the authenticated request path. This class is thread-safe.
 */
public final class SigningKeyTable {

    private final Database database;

    public SigningKeyTable(Database database) {
        this.database = database;
    }

    /**
     * One stored key.
     *
     * @param material the private JWK's JSON, or that JSON encrypted; never logged
     */
    public record Row(String algorithm, long generation, String kid, String material, long createdAt) {

        public Row {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(material, "material");
        }

        @Override
        public String toString() {
            return "Row[" + slot(algorithm, generation) + ", kid=" + kid + ", createdAt=" + createdAt + "]";
        }
    }

    /** The primary key of a key's row: its algorithm and generation. */
    static String slot(String algorithm, long generation) {
        return algorithm + "/" + generation;
    }

    /** The keys of {@code algorithm}, oldest generation first. */
    public List<Row> keys(String algorithm) {
        return database.inTransaction(em -> em.createQuery(
                        "SELECT k FROM StoredSigningKey k WHERE k.algorithm = :algorithm ORDER BY k.generation", StoredSigningKey.class)
                .setParameter("algorithm", algorithm)
                .getResultList().stream().map(StoredSigningKey::row).toList());
    }

    /**
     * Inserts {@code row} unless its generation of its algorithm is already stored.
     *
     * @return whether this insert committed; {@code false} when another node's key holds the slot (the caller reads
     *         the keys again and uses that one)
     * @throws StoreException when the insert failed for another reason
     */
    public boolean insert(Row row) {
        try {
            database.inTransaction(em -> {
                em.persist(new StoredSigningKey(row));
                return null;
            });
            return true;
        } catch (StoreException e) {
            String slot = slot(row.algorithm(), row.generation());
            boolean taken;
            try {
                taken = database.inTransaction(em -> em.find(StoredSigningKey.class, slot) != null);
            } catch (StoreException again) {
                e.addSuppressed(again);
                throw e;
            }
            if (!taken) {
                throw e;
            }
            return false;
        }
    }

    /** Deletes the keys of {@code algorithm} of these generations; returns how many rows went. */
    public int delete(String algorithm, List<Long> generations) {
        if (generations.isEmpty()) {
            return 0;
        }
        List<String> slots = generations.stream().map(g -> slot(algorithm, g)).toList();
        return database.inTransaction(em -> em.createQuery("DELETE FROM StoredSigningKey k WHERE k.slot IN :slots")
                .setParameter("slots", slots).executeUpdate());
    }
}
