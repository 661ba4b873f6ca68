package dev.signoff.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Signoff's database, opened once per web application from {@link DatabaseSettings}: where the connections come from
 * ({@link ConnectionSource}, resolved once), the {@link EntityManagerFactory} ({@link JpaBootstrap}), the database's
 * {@link Dialect} as its driver names it, and the schema created and checked ({@link SchemaInstaller}) before anything
 * else runs: a start-up whose tables are missing or unusable fails with the statement that failed, instead of failing
 * at the first login. What remains here is running transactions, behind the {@link Reachability} gate.
 *
 * <p>Counts the SQL statements it sends, so that tests and benchmarks can show which paths touch the
 * database. This class is thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final EntityManagerFactory emf;
    private final ConnectionSource connections;
    private final AtomicLong statements = new AtomicLong();
    private final Reachability reachability = new Reachability();
    private volatile String product;
    private volatile Dialect dialect;

    private Database(EntityManagerFactory emf, ConnectionSource connections) {
        this.emf = emf;
        this.connections = connections;
        this.dialect = connections.urlDialect();
    }

    /**
     * Resolves where the connections come from, connects, creates or checks the schema.
     *
     * @throws dev.signoff.config.ConfigException naming {@code signoff.db.jndi} when a JNDI name given explicitly has no
     *                                            DataSource bound
     * @throws StoreException                     naming what failed otherwise
     */
    public static Database open(DatabaseSettings settings) {
        ConnectionSource connections = ConnectionSource.resolve(settings);
        EntityManagerFactory emf = JpaBootstrap.open(connections);
        Database database = new Database(emf, connections);
        try {
            database.inTransaction(em -> {
                Connection connection = em.unwrap(Connection.class);
                String name;
                try {
                    name = connection.getMetaData().getDatabaseProductName();
                } catch (SQLException e) {
                    throw new StoreException("cannot read the database product: " + e.getMessage(), e);
                }
                Dialect found = Dialect.ofProduct(name);
                if (settings.createSchema()) {
                    SchemaInstaller.install(connection, found, name);
                }
                SchemaInstaller.check(em, settings.createSchema());
                database.product = name;
                database.dialect = found;
                return null;
            });
        } catch (RuntimeException e) {
            emf.close();
            throw e instanceof StoreException ? e : new StoreException("cannot use " + connections.description() + ": " + rootMessage(e), e);
        }
        database.countStatements();
        LOG.log(System.Logger.Level.INFO, "Signoff stores its data in {0} ({1})", connections.description(), database.product);
        return database;
    }

    /**
     * Runs {@code work} in one resource-local transaction and commits; rolls back and throws
     * {@link StoreException} on any failure. Nothing is committed unless this returns. While the database does not
     * answer, fails at once but for one call at a time ({@link Reachability}).
     */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        Reachability.Pass pass = reachability.admit();
        if (pass == Reachability.Pass.REFUSED) {
            throw new StoreException("database unavailable: it stopped answering, and is tried again once a second", null);
        }
        try {
            T result = attempt(work);
            reachability.done(pass, null);
            return result;
        } catch (RuntimeException e) {
            reachability.done(pass, e);
            throw e;
        }
    }

    private <T> T attempt(Function<EntityManager, T> work) {
        EntityManager em;
        try {
            em = emf.createEntityManager();
        } catch (RuntimeException e) {
            throw new StoreException("database unavailable: " + rootMessage(e), e);
        }
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            try {
                if (tx.isActive()) {
                    tx.rollback();
                }
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof StoreException) {
                throw e;
            }
            throw new StoreException("database operation failed: " + rootMessage(e), e);
        } finally {
            em.close();
        }
    }

    /** The EntityManagerFactory itself, for tests that compare the mapping with the database. */
    EntityManagerFactory entityManagerFactory() {
        return emf;
    }

    /**
     * Whether the last statement reached the database: false from the moment one found it silent or unreachable until
     * one succeeds again. Reads a flag: no statement.
     */
    public boolean reachable() {
        return !reachability.silent();
    }

    /** Runs one trivial statement ({@code SELECT 1}): whether the database answered it. */
    public boolean answers() {
        try {
            inTransaction(em -> em.createNativeQuery("SELECT 1").getSingleResult());
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /** The database product, as its driver names it. */
    public String product() {
        return product;
    }

    /** The dialect of the database, as its driver names the product. */
    public Dialect dialect() {
        return dialect;
    }

    /** Whether the database is PostgreSQL, whose {@code LISTEN/NOTIFY} tells other nodes of revocations at once. */
    public boolean isPostgreSql() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** Whether revocations can be announced with {@code NOTIFY} on this database ({@link Dialect#hasNotify()}). */
    public boolean hasNotify() {
        return dialect.hasNotify();
    }

    /** The {@code NOTIFY} hook for this database, when it has {@code NOTIFY}; its statements are counted. */
    Optional<RevocationHook> notifyHook() {
        return NotifyHook.forDialect(dialect, statements::incrementAndGet);
    }

    /**
     * A new connection of its own, outside the pool, to the same database (from the same DataSource, or the same
     * URL, credentials and timeouts): for a session that must stay open, such as {@code LISTEN}. The caller closes it.
     */
    public Connection openDedicatedConnection() throws SQLException {
        return connections.openDedicated();
    }

    /** The DataSource Signoff uses, or {@code null} when it connects with its own pool from a URL. */
    public DataSource dataSource() {
        return connections.dataSource();
    }

    /** Where the data lives, without credentials: a JNDI name or a JDBC URL without its query part. */
    public String source() {
        return connections.description();
    }

    /** How many SQL statements Signoff has sent since start. */
    public long statementCount() {
        return statements.get();
    }

    /**
     * Closes the connections, and deregisters JDBC drivers loaded with Signoff's own (web application) class loader so
     * that an undeployed war leaks none. Drivers of the application class path, shared by everything in the JVM, stay.
     */
    @Override
    public void close() {
        if (emf.isOpen()) {
            emf.close();
        }
        JdbcDrivers.deregisterOwn();
    }

    private void countStatements() {
        emf.unwrap(JpaEntityManagerFactory.class).getDatabaseSession().getEventManager().addListener(new SessionEventAdapter() {
            @Override
            public void preExecuteCall(SessionEvent event) {
                statements.incrementAndGet();
            }
        });
    }

    /** The innermost cause's class and first line of message: what a log line or a deployment failure shows. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
