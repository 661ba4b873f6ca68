package dev.signoff.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A back-channel logout token that was accepted, known by the SHA-256 of its issuer and {@code jti}: a second
 * presentation, on any node, is a replay. The row is useless, and purged, once the token could no longer be valid
 * ({@code expires_at}). Indexed for the purge.
 */
@Entity(name = "LogoutTokenUse")
@Table(name = "signoff_logout_token", indexes = {
    @Index(name = "signoff_logout_token_expires", columnList = "expires_at")})
public class LogoutTokenUse {

    @Id
    @Column(name = "jti_hash", length = 64, nullable = false)
    private String jtiHash;

    @Column(name = "used_at", nullable = false)
    private long usedAt;

    /** Epoch milliseconds after which the token is refused anyway (its {@code iat} too old). */
    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected LogoutTokenUse() {
    }

    LogoutTokenUse(String jtiHash, long usedAt, long expiresAt) {
        this.jtiHash = jtiHash;
        this.usedAt = usedAt;
        this.expiresAt = expiresAt;
    }
}
