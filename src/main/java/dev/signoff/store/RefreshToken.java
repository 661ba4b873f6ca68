package dev.signoff.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A refresh token, known only by the SHA-256 hash of its value (the primary key, so unique). Consumed by rotation
 * or by logout. Indexed for logout (every token of a session) and the purge (by expiry).
 */
@Entity(name = "RefreshToken")
@Table(name = "signoff_refresh_token", indexes = {
    @Index(name = "signoff_refresh_token_session", columnList = "session_id"),
    @Index(name = "signoff_refresh_token_expires", columnList = "expires_at")})
public class RefreshToken {

    @Id
    @Column(name = "token_hash", length = 64, nullable = false)
    private String tokenHash;

    @Column(name = "session_id", length = 64, nullable = false)
    private String sessionId;

    @Column(name = "issued_at", nullable = false)
    private long issuedAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "consumed_at")
    private Long consumedAt;

    /** The hash of the token that rotation issued in exchange for this one. */
    @Column(name = "replaced_by", length = 64)
    private String replacedBy;

    protected RefreshToken() {
    }

    RefreshToken(String tokenHash, String sessionId, long issuedAt, long expiresAt) {
        this.tokenHash = tokenHash;
        this.sessionId = sessionId;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String sessionId() {
        return sessionId;
    }

    public long issuedAt() {
        return issuedAt;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public Long consumedAt() {
        return consumedAt;
    }
}
