package dev.signoff.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Logout on all devices: every token of the subject issued before {@code notBefore} is refused. Indexed for the
 * revocation sync and the purge (by the time it was recorded).
 */
@Entity(name = "SubjectRevocation")
@Table(name = "signoff_subject_revocation", indexes = {
    @Index(name = "signoff_subject_revocation_updated", columnList = "updated_at")})
public class SubjectRevocation {

    @Id
    @Column(name = "subject", length = 255, nullable = false)
    private String subject;

    /** Epoch milliseconds. */
    @Column(name = "not_before", nullable = false)
    private long notBefore;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    protected SubjectRevocation() {
    }

    SubjectRevocation(String subject, long notBefore, long updatedAt) {
        this.subject = subject;
        this.notBefore = notBefore;
        this.updatedAt = updatedAt;
    }

    public long notBefore() {
        return notBefore;
    }

    /** Moves "not before" forward to {@code at} (never back), recorded at {@code now}. */
    void moveTo(long at, long now) {
        notBefore = Math.max(notBefore, at);
        updatedAt = now;
    }
}
