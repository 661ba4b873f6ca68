package dev.signoff.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One login: created by a successful login, kept alive by refreshes, ended by logout or reuse detection. Indexed
 * for logout on all devices (by subject), the revocation sync (by revocation time) and the purge (by expiry).
 */
@Entity(name = "LoginSession")
@Table(name = "signoff_session", indexes = {
    @Index(name = "signoff_session_subject", columnList = "subject"),
    @Index(name = "signoff_session_expires", columnList = "expires_at"),
    @Index(name = "signoff_session_revoked", columnList = "revoked_at")})
public class LoginSession {

    @Id
    @Column(name = "id", length = 64, nullable = false)
    private String id;

    @Column(name = "subject", length = 255, nullable = false)
    private String subject;

    /** Roles granted at login, comma separated; refreshed access tokens carry the same. */
    @Column(name = "roles", length = 1024)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "refreshed_at", nullable = false)
    private long refreshedAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "revoked_at")
    private Long revokedAt;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    @Column(name = "address", length = 64)
    private String address;

    protected LoginSession() {
    }

    LoginSession(String id, String subject, String roles, long createdAt, long expiresAt, String userAgent, String address) {
        this.id = id;
        this.subject = subject;
        this.roles = roles;
        this.createdAt = createdAt;
        this.refreshedAt = createdAt;
        this.expiresAt = expiresAt;
        this.userAgent = userAgent;
        this.address = address;
    }

    public String id() {
        return id;
    }

    public String subject() {
        return subject;
    }

    public String roles() {
        return roles;
    }

    public long createdAt() {
        return createdAt;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public Long revokedAt() {
        return revokedAt;
    }

    /** The latest login or refresh, epoch milliseconds. */
    public long refreshedAt() {
        return refreshedAt;
    }

    public String userAgent() {
        return userAgent;
    }

    public String address() {
        return address;
    }

    void refreshed(long at, long newExpiry) {
        this.refreshedAt = at;
        this.expiresAt = newExpiry;
    }

    void revoke(long at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
