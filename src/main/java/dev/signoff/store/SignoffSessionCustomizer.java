package dev.signoff.store;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Connection settings EclipseLink has no persistence property for.
 *
 * <ul>
 *   <li>Every transaction runs at READ COMMITTED, the default of PostgreSQL and H2 but not of MariaDB and MySQL
 *       (REPEATABLE READ): Signoff's consistency rests on row locks and conditional updates, never on a snapshot,
 *       and READ COMMITTED spares InnoDB the gap locks that make concurrent logins, refreshes and logouts
 *       deadlock.</li>
 *   <li>When a statement fails because the connection broke, EclipseLink checks the connection, drops it from the
 *       pool and tries once more on a new one, at once: a pool full of connections to a database that restarted
 *       recovers at the first request instead of failing once per connection. By default it would retry three
 *       times five seconds apart, so a request during an outage would wait over ten seconds for its 503.</li>
 * </ul>
 */
public final class SignoffSessionCustomizer implements SessionCustomizer {

    static final int RETRIES = 1;
    static final int RETRY_DELAY_MS = 100;

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setTransactionIsolation(DatabaseLogin.TRANSACTION_READ_COMMITTED);
            login.setConnectionHealthValidatedOnError(true);
            login.setQueryRetryAttemptCount(RETRIES);
            login.setDelayBetweenConnectionAttempts(RETRY_DELAY_MS);
        }
    }
}
