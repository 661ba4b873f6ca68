package dev.signoff.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A signing key Signoff made itself ({@code dev.signoff.keys.StoredKeys}), one row per key. The primary key is the
 * {@code slot}, the algorithm and the key's generation ({@code ES256/3}): two nodes making the same generation at once
 * (the first start on an empty database, or a rotation falling due on both) insert the same slot, and only one
 * insert commits. The material is the private JWK's JSON, or, with a key-encryption key, that JSON encrypted. The
 * table holds a handful of rows and is read whole, so it has no index besides the primary key.
 */
@Entity(name = "StoredSigningKey")
@Table(name = "signoff_signing_key")
public class StoredSigningKey {

    @Id
    @Column(name = "slot", length = 32, nullable = false)
    private String slot;

    @Column(name = "algorithm", length = 16, nullable = false)
    private String algorithm;

    @Column(name = "generation", nullable = false)
    private long generation;

    @Column(name = "kid", length = 64, nullable = false)
    private String kid;

    @Column(name = "material", length = 8000, nullable = false)
    private String material;

    /** When the key was made, in epoch milliseconds: it signs from then until the next generation's {@code created_at}. */
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected StoredSigningKey() {
    }

    StoredSigningKey(SigningKeyTable.Row row) {
        this.slot = SigningKeyTable.slot(row.algorithm(), row.generation());
        this.algorithm = row.algorithm();
        this.generation = row.generation();
        this.kid = row.kid();
        this.material = row.material();
        this.createdAt = row.createdAt();
    }

    SigningKeyTable.Row row() {
        return new SigningKeyTable.Row(algorithm, generation, kid, material, createdAt);
    }
}
