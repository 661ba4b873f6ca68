package dev.signoff.store;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Announces each revocation with PostgreSQL's {@code pg_notify} on {@link RevocationNotice#CHANNEL}, in the
 * transaction that records it: the listening nodes receive it when, and only if, that transaction commits. Exists only
 * for a dialect with {@code NOTIFY} ({@link #forDialect}). Thread-safe.
 */
final class NotifyHook implements RevocationHook {

    private final Runnable counter;

    private NotifyHook(Runnable counter) {
        this.counter = counter;
    }

    /**
     * The hook for {@code dialect}, or empty when it has no {@code NOTIFY}.
     *
     * @param counter called once per statement sent, for {@link Database#statementCount()}
     */
    static Optional<RevocationHook> forDialect(Dialect dialect, Runnable counter) {
        return dialect.hasNotify() ? Optional.of(new NotifyHook(counter)) : Optional.empty();
    }

    @Override
    public void beforeCommit(EntityManager em, List<Revocation> revocations) {
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (Revocation revocation : revocations) {
                st.setString(1, RevocationNotice.CHANNEL);
                st.setString(2, revocation.notice().payload());
                st.execute();
                counter.run();
            }
        } catch (SQLException e) {
            throw new StoreException("announcing a revocation failed: " + e.getMessage(), e);
        }
    }
}
