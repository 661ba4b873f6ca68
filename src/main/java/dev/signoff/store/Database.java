package dev.signoff.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Signoff's own {@link EntityManagerFactory}, built once per web application from {@link DatabaseSettings},
 * with its schema checked (and by default created) before anything else runs: a start-up whose tables are
 * missing or unusable fails with the statement that failed, instead of failing at the first login.
 *
 * <p>Counts the SQL statements it sends, so that tests and benchmarks can show which paths touch the
 * database. This class is thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final EntityManagerFactory emf;
    private final String product;
    private final String source;
    private final DatabaseSettings settings;
    private final DataSource dataSource;
    private final boolean postgreSql;
    private final AtomicLong statements = new AtomicLong();
    private final Reachability reachability = new Reachability();

    private Database(EntityManagerFactory emf, String product, String source, DatabaseSettings settings, DataSource dataSource) {
        this.emf = emf;
        this.product = product;
        this.source = source;
        this.settings = settings;
        this.dataSource = dataSource;
        this.postgreSql = product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** Connects, creates or checks the schema; throws {@link StoreException} naming what failed. */
    public static Database open(DatabaseSettings settings) {
        DataSource dataSource = lookup(settings.jndiName());
        Properties props = new Properties();
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.logging.logger", "JavaLogger");
        props.put("eclipselink.logging.level", "SEVERE");
        props.put("eclipselink.logging.exceptions", "false");
        props.put("eclipselink.cache.shared.default", "false");
        props.put("eclipselink.ddl-generation", "none");
        props.put("eclipselink.jdbc.cache-statements", "true");
        props.put("eclipselink.session.customizer", SignoffSessionCustomizer.class.getName());
        String source;
        if (dataSource != null) {
            source = "the DataSource " + settings.jndiName();
        } else {
            String url = withH2Defaults(settings.url() != null ? settings.url() : DatabaseSettings.DEFAULT_URL);
            props.put("jakarta.persistence.jdbc.url", url);
            String driver = settings.driver() != null ? settings.driver() : driverFor(url);
            if (driver != null) {
                props.put("jakarta.persistence.jdbc.driver", driver);
            }
            if (settings.user() != null) {
                props.put("jakarta.persistence.jdbc.user", settings.user());
            }
            if (settings.password() != null) {
                props.put("jakarta.persistence.jdbc.password", settings.password());
            }
            timeoutProperties(url, settings.networkTimeout())
                    .forEach((name, value) -> props.put("eclipselink.jdbc.property." + name, value));
            String size = Integer.toString(settings.poolSize());
            props.put("eclipselink.connection-pool.default.initial", "1");
            props.put("eclipselink.connection-pool.default.min", size);
            props.put("eclipselink.connection-pool.default.max", size);
            source = withoutQuery(url);
        }
        EntityManagerFactory emf;
        try {
            emf = new org.eclipse.persistence.jpa.PersistenceProvider()
                    .createContainerEntityManagerFactory(new SignoffPersistenceUnit(dataSource, props), props);
        } catch (RuntimeException e) {
            throw new StoreException("cannot set up JPA for " + source + ": " + rootMessage(e), e);
        }
        Database database = new Database(emf, null, source, settings, dataSource);
        try {
            String product = database.inTransaction(em -> database.prepareSchema(em, settings.createSchema()));
            Database ready = new Database(emf, product, source, settings, dataSource);
            ready.countStatements();
            LOG.log(System.Logger.Level.INFO, "Signoff stores its data in {0} ({1})", source, product);
            return ready;
        } catch (RuntimeException e) {
            emf.close();
            throw e instanceof StoreException ? e : new StoreException("cannot use " + source + ": " + rootMessage(e), e);
        }
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

    /** The database product, as its driver names it. */
    public String product() {
        return product;
    }

    /** Whether the database is PostgreSQL, whose {@code LISTEN/NOTIFY} tells other nodes of revocations at once. */
    public boolean isPostgreSql() {
        return postgreSql;
    }

    /**
     * Announces {@code notice} on PostgreSQL ({@code pg_notify}) in the transaction of {@code em}: it is delivered
     * to the listening nodes when, and only if, that transaction commits. Does nothing on other databases.
     */
    void notify(EntityManager em, RevocationNotice notice) {
        if (!postgreSql) {
            return;
        }
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, RevocationNotice.CHANNEL);
            st.setString(2, notice.payload());
            st.execute();
            statements.incrementAndGet();
        } catch (SQLException e) {
            throw new StoreException("announcing a revocation failed: " + e.getMessage(), e);
        }
    }

    /**
     * A new connection of its own, outside the pool, to the same database (from the same DataSource, or the same
     * URL and credentials): for a session that must stay open, such as {@code LISTEN}. The caller closes it.
     */
    public Connection openDedicatedConnection() throws SQLException {
        if (dataSource != null) {
            return dataSource.getConnection();
        }
        String url = withH2Defaults(settings.url() != null ? settings.url() : DatabaseSettings.DEFAULT_URL);
        String driver = settings.driver() != null ? settings.driver() : driverFor(url);
        if (driver != null) {
            try {
                Class.forName(driver, true, Database.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new SQLException("JDBC driver " + driver + " not found", e);
            }
        }
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.putAll(timeoutProperties(url, settings.networkTimeout()));
        return java.sql.DriverManager.getConnection(url, props);
    }

    /** The DataSource Signoff uses, or {@code null} when it connects with its own pool from a URL. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the data lives, without credentials: a JNDI name or a JDBC URL without its query part. */
    public String source() {
        return source;
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

    private String prepareSchema(EntityManager em, boolean create) {
        Connection connection = em.unwrap(Connection.class);
        String product;
        try {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StoreException("cannot read the database product: " + e.getMessage(), e);
        }
        if (create) {
            String script = scriptFor(product);
            for (String statement : script.split(";")) {
                String sql = statement.replaceAll("(?m)^--.*$", "").trim();
                if (sql.isEmpty()) {
                    continue;
                }
                try (Statement st = connection.createStatement()) {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new StoreException("creating the schema failed at: " + sql.lines().findFirst().orElse(sql)
                            + " — " + e.getMessage() + " (set signoff.db.schema=none to manage the schema yourself)", e);
                }
            }
        }
        for (Class<?> entity : SignoffPersistenceUnit.ENTITIES) {
            String name = entity.getAnnotation(jakarta.persistence.Entity.class).name();
            try {
                // selects every mapped column: a missing or mistyped one fails here, not at the first login
                em.createQuery("SELECT e FROM " + name + " e WHERE 1 = 0").setMaxResults(1).getResultList();
            } catch (RuntimeException e) {
                String table = entity.getAnnotation(jakarta.persistence.Table.class).name();
                throw new StoreException("the table " + table + " is missing or does not match Signoff's mapping: "
                        + rootMessage(e) + (create ? "" : " (apply server-config/sql/ or set signoff.db.schema=create)"), e);
            }
        }
        return product;
    }

    private void countStatements() {
        emf.unwrap(JpaEntityManagerFactory.class).getDatabaseSession().getEventManager().addListener(new SessionEventAdapter() {
            @Override
            public void preExecuteCall(SessionEvent event) {
                statements.incrementAndGet();
            }
        });
    }

    private static String scriptFor(String product) {
        String lower = product.toLowerCase(Locale.ROOT);
        String name = lower.contains("h2") ? "h2" : lower.contains("postgres") ? "postgresql"
                : lower.contains("mariadb") || lower.contains("mysql") ? "mariadb" : null;
        if (name == null) {
            throw new StoreException("Signoff has no schema script for " + product + "; create the tables yourself "
                    + "(server-config/sql/ shows them) and set signoff.db.schema=none", null);
        }
        try (InputStream in = Database.class.getResourceAsStream("sql/" + name + ".sql")) {
            if (in == null) {
                throw new StoreException("the schema script sql/" + name + ".sql is missing from the war", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read the schema script for " + product, e);
        }
    }

    private static DataSource lookup(String jndiName) {
        if (jndiName == null || jndiName.isBlank() || "none".equals(jndiName)) {
            return null;
        }
        try {
            Object bound = new InitialContext().lookup(jndiName);
            if (bound instanceof DataSource) {
                return (DataSource) bound;
            }
            LOG.log(System.Logger.Level.WARNING, "{0} is bound to a {1}, not a DataSource; ignoring it", jndiName,
                    bound == null ? "null" : bound.getClass().getName());
            return null;
        } catch (NamingException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no DataSource bound at {0}: {1}", jndiName, e.toString());
            return null;
        }
    }

    /**
     * For H2: every commit is on disk before it is acknowledged ({@code WRITE_DELAY=0}; H2 otherwise delays writes by
     * half a second, so a killed process would lose acknowledged logouts), and the database is closed by Signoff with
     * the web application rather than by H2's own shutdown hook, which may run after the application's classes are
     * gone. Settings already in the URL are kept.
     */
    static String withH2Defaults(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            result.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            result.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return result.toString();
    }

    /**
     * The driver properties that bound every wait on the database to {@code timeout} for the drivers in the war: to
     * connect, to log in, and to read an answer. Without them the PostgreSQL and MariaDB drivers wait for ever on a
     * database that stops answering without closing its connections (a network that drops every packet), and
     * EclipseLink opens new connections while holding its pool's lock, so one such wait stops every request that
     * needs the database. Values the URL sets itself win (both drivers let URL parameters override these).
     */
    static Map<String, String> timeoutProperties(String url, Duration timeout) {
        if (timeout.isZero()) {
            return Map.of();
        }
        long millis = timeout.toMillis();
        if (url.startsWith("jdbc:postgresql:")) {
            String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
            return Map.of("connectTimeout", seconds, "loginTimeout", seconds, "socketTimeout", seconds);
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return Map.of("connectTimeout", Long.toString(millis), "socketTimeout", Long.toString(millis));
        }
        return Map.of();
    }

    static String driverFor(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return "org.mariadb.jdbc.Driver";
        }
        return null;
    }

    /** A JDBC URL without its parameters, which may hold a password. */
    static String withoutQuery(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
