package dev.signoff.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * An access token ({@code jti}) refused before its {@code exp}; the row is useless, and purged, after that. Indexed
 * for the revocation sync (by revocation time) and the purge (by expiry).
 */
@Entity(name = "RevokedAccessToken")
@Table(name = "signoff_revoked_token", indexes = {
    @Index(name = "signoff_revoked_token_revoked", columnList = "revoked_at"),
    @Index(name = "signoff_revoked_token_expires", columnList = "expires_at")})
public class RevokedAccessToken {

    @Id
    @Column(name = "jti", length = 64, nullable = false)
    private String jti;

    @Column(name = "subject", length = 255)
    private String subject;

    @Column(name = "revoked_at", nullable = false)
    private long revokedAt;

    /** The token's own {@code exp}, in epoch milliseconds. */
    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected RevokedAccessToken() {
    }

    RevokedAccessToken(String jti, String subject, long revokedAt, long expiresAt) {
        this.jti = jti;
        this.subject = subject;
        this.revokedAt = revokedAt;
        this.expiresAt = expiresAt;
    }
}
