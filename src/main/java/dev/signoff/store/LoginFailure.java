package dev.signoff.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * The failed logins of one username or address, counted in the database for a throttling limit that holds across
 * the cluster ({@code signoff.login.throttle-store=database}). Indexed for the purge (by the last failure).
 */
@Entity(name = "LoginFailure")
@Table(name = "signoff_login_failure", indexes = {
    @Index(name = "signoff_login_failure_last", columnList = "last_failure")})
public class LoginFailure {

    /** {@code user:NAME} or {@code address:ADDR}. */
    @Id
    @Column(name = "failure_key", length = 300, nullable = false)
    private String key;

    @Column(name = "failures", nullable = false)
    private long failures;

    /** Epoch milliseconds. */
    @Column(name = "last_failure", nullable = false)
    private long lastFailure;

    protected LoginFailure() {
    }

    LoginFailure(String key, long failures, long lastFailure) {
        this.key = key;
        this.failures = failures;
        this.lastFailure = lastFailure;
    }

    public long failures() {
        return failures;
    }

    public long lastFailure() {
        return lastFailure;
    }

    /** One more failure at {@code now}; a count whose window has passed starts again at one. */
    void failed(long now, long windowMillis) {
        failures = now - lastFailure >= windowMillis ? 1 : failures + 1;
        lastFailure = Math.max(now, lastFailure);
    }
}
