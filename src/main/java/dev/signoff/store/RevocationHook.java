package dev.signoff.store;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Something more to do with the revocations a {@link TokenStore} transaction records (a logout of a session or on all
 * devices, an access token revoked, a session ended by refresh-token reuse detection), given to
 * {@link TokenStore#TokenStore(Database, boolean, List)}. Each hook is called once per transaction that records at
 * least one revocation, with all of them in the order they were recorded; a write that
 * pending revocation written again later (after an outage) calls the hooks again, in its own transaction.
 *
 * <p>Two moments: {@link #beforeCommit} inside the transaction (a statement that must commit or roll back with the
 * revocation, such as clearing a token column of an application's own table, or PostgreSQL's {@code pg_notify}, which
 * is delivered only on commit), and {@link #afterCommit} once it has committed (telling other systems, such as a
 * message bus). Implementations must be thread-safe: the store calls them from every request thread.
 */
public interface RevocationHook {

    /**
     * In the transaction, after Signoff's own rows are written and before the commit. An exception rolls the whole
     * transaction back, and the operation fails with a {@link StoreException}: throw one to say why.
     */
    default void beforeCommit(EntityManager em, List<Revocation> revocations) {
    }

    /**
     * After the transaction committed, on the thread that committed it (a request thread, the answer not yet sent):
     * return quickly, handing slow work to a thread of its own. An exception is logged and ignored: the revocation is
     * recorded, and other nodes read it at their next sync anyway. Never called for a transaction that rolled back.
     */
    default void afterCommit(List<Revocation> revocations) {
    }
}
