package dev.signoff.store;

import jakarta.persistence.LockModeType;

/**
 * The table of failed logins ({@link LoginFailure}): each operation one short transaction, the row locked while it
 * is counted so that two nodes counting at once both count. This class is thread-safe.
 */
public final class LoginFailures {

    private final Database database;

    public LoginFailures(Database database) {
        this.database = database;
    }

    /** The count and last failure of {@code key}, or {@code null} when it has none or its window has passed. */
    public LoginFailure read(String key, long now, long windowMillis) {
        LoginFailure found = database.inTransaction(em -> em.find(LoginFailure.class, key));
        return found == null || now - found.lastFailure() >= windowMillis ? null : found;
    }

    /** Counts one failure of {@code key}; a row inserted meanwhile by another node is counted on at the second try. */
    public void failed(String key, long now, long windowMillis) {
        try {
            count(key, now, windowMillis);
        } catch (StoreException e) {
            // most often the key's first row, inserted by another node at the same time; a database that is down
            // fails again at once
            count(key, now, windowMillis);
        }
    }

    private void count(String key, long now, long windowMillis) {
        database.inTransaction(em -> {
            LoginFailure row = em.find(LoginFailure.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                em.persist(new LoginFailure(key, 1, now));
                em.flush();
            } else {
                row.failed(now, windowMillis);
            }
            return null;
        });
    }

    /** Forgets the failures of {@code key}. */
    public void clear(String key) {
        database.inTransaction(em -> em.createQuery("DELETE FROM LoginFailure f WHERE f.key = :key")
                .setParameter("key", key).executeUpdate());
    }

    /** Deletes the rows whose last failure is older than {@code before}. */
    public int purge(long before) {
        return database.inTransaction(em -> em.createQuery("DELETE FROM LoginFailure f WHERE f.lastFailure < :before")
                .setParameter("before", before).executeUpdate());
    }
}
