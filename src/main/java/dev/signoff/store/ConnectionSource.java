package dev.signoff.store;

import dev.signoff.config.ConfigException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import javax.sql.DataSource;

/**
 * Where Signoff's connections come from, decided once at start from {@link DatabaseSettings}: the DataSource bound
 * at {@code signoff.db.jndi}, or a JDBC URL (with its driver, credentials and network timeouts) for EclipseLink's own
 * pool. The pool and the dedicated connections ({@code LISTEN}) are opened from the same resolution, so they always
 * reach the same database with the same settings.
 *
 * <p>The decision fails closed: a JNDI name given explicitly that has no DataSource bound is a deployment failure
 * naming {@code signoff.db.jndi}, never a quiet fall back to a database of this node's own. Only the default name may
 * be unbound; then {@code signoff.db.url} is used, and without it the H2 file {@link DatabaseSettings#DEFAULT_URL},
 * with one WARNING naming the file.
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} never shows a password or a URL's parameters.
 */
public sealed interface ConnectionSource permits ConnectionSource.Jndi, ConnectionSource.Url {

    /** Looks a name up in JNDI; {@code new InitialContext().lookup(name)} but in tests. */
    @FunctionalInterface
    interface Naming {
        Object lookup(String name) throws NamingException;

        Naming INITIAL_CONTEXT = name -> new InitialContext().lookup(name);
    }

    /** Where the data lives, without credentials: a JNDI name, or a JDBC URL without its parameters. */
    String description();

    /** The DataSource, or {@code null} when connections are made from a URL. */
    DataSource dataSource();

    /** The dialect the URL names, before connecting; {@link Dialect#OTHER} for a DataSource (its product tells later). */
    Dialect urlDialect();

    /** Adds to {@code props} the {@code jakarta.persistence.jdbc.*} and pool properties EclipseLink connects with. */
    void addJpaProperties(Properties props);

    /** A new connection of its own, outside the pool, to the same database with the same settings. The caller closes it. */
    Connection openDedicated() throws SQLException;

    /** Resolves {@code settings} against the container's JNDI. */
    static ConnectionSource resolve(DatabaseSettings settings) {
        return resolve(settings, Naming.INITIAL_CONTEXT);
    }

    /**
     * Resolves {@code settings}, looking names up with {@code naming}.
     *
     * @throws ConfigException naming {@code signoff.db.jndi} when a name given explicitly has no DataSource bound
     */
    static ConnectionSource resolve(DatabaseSettings settings, Naming naming) {
        System.Logger log = System.getLogger(ConnectionSource.class.getName());
        if (!settings.jndiDisabled()) {
            String name = settings.jndiName();
            Object bound;
            String unbound;
            try {
                bound = naming.lookup(name);
                unbound = bound == null ? "nothing is bound there" : null;
            } catch (NoInitialContextException e) {
                bound = null;
                unbound = "this server offers no JNDI";
            } catch (NameNotFoundException e) {
                bound = null;
                unbound = "nothing is bound there";
            } catch (NamingException | RuntimeException e) {
                bound = null;
                unbound = "it cannot be looked up (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")";
            }
            if (bound instanceof DataSource dataSource) {
                return new Jndi(name, dataSource);
            }
            String problem = unbound != null ? unbound : "it is bound to a " + bound.getClass().getName() + ", not a javax.sql.DataSource";
            if (settings.jndiExplicit()) {
                throw new ConfigException(DatabaseSettings.JNDI, "no DataSource at " + name + ": " + problem
                        + "; bind one there, or leave " + DatabaseSettings.JNDI + " out (or set it to none) to connect by "
                        + DatabaseSettings.URL);
            }
            log.log(bound == null ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "no DataSource at {0} ({1}); using {2}", name, problem, settings.url() != null ? DatabaseSettings.URL : "the H2 file");
        }
        String url = settings.url();
        if (url == null) {
            url = DatabaseSettings.DEFAULT_URL;
            log.log(System.Logger.Level.WARNING, "no DataSource at {0} and no {1}: Signoff keeps its data in the H2 file {2}, "
                    + "which no other server shares (a cluster needs every node on one database)",
                    settings.jndiDisabled() ? "signoff.db.jndi" : settings.jndiName(), DatabaseSettings.URL, defaultH2File());
        }
        return Url.of(url, settings);
    }

    /** The file of the default H2 database, {@code ~/.signoff/signoff.mv.db} with the home directory spelt out. */
    static Path defaultH2File() {
        String path = DatabaseSettings.DEFAULT_URL.substring("jdbc:h2:file:".length());
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path + ".mv.db").toAbsolutePath().normalize();
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

    /** The container's DataSource: its pool, its credentials, its timeouts. */
    record Jndi(String name, DataSource dataSource) implements ConnectionSource {

        @Override
        public String description() {
            return "the DataSource " + name;
        }

        @Override
        public Dialect urlDialect() {
            return Dialect.OTHER;
        }

        @Override
        public void addJpaProperties(Properties props) {
            // EclipseLink takes the DataSource from the persistence unit
        }

        @Override
        public Connection openDedicated() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public String toString() {
            return "ConnectionSource[jndi=" + name + "]";
        }
    }

    /**
     * A JDBC URL, with the dialect's defaults added ({@link Dialect#withUrlDefaults}), the driver class
     * ({@code signoff.db.driver}, else the dialect's), the credentials, and the driver properties that bound network
     * waits ({@link Dialect#networkTimeoutProperties}).
     */
    record Url(String url, Dialect urlDialect, String driver, String user, String password, Map<String, String> driverProperties,
               int poolSize) implements ConnectionSource {

        public Url {
            driverProperties = Map.copyOf(driverProperties);
        }

        static Url of(String url, DatabaseSettings settings) {
            Dialect dialect = Dialect.ofUrl(url);
            String driver = settings.driver() != null ? settings.driver() : dialect.driverClass();
            return new Url(dialect.withUrlDefaults(url), dialect, driver, settings.user(), settings.password(),
                    dialect.networkTimeoutProperties(settings.networkTimeout()), settings.poolSize());
        }

        @Override
        public String description() {
            return withoutQuery(url);
        }

        @Override
        public DataSource dataSource() {
            return null;
        }

        @Override
        public void addJpaProperties(Properties props) {
            props.put("jakarta.persistence.jdbc.url", url);
            if (driver != null) {
                props.put("jakarta.persistence.jdbc.driver", driver);
            }
            if (user != null) {
                props.put("jakarta.persistence.jdbc.user", user);
            }
            if (password != null) {
                props.put("jakarta.persistence.jdbc.password", password);
            }
            driverProperties.forEach((name, value) -> props.put("eclipselink.jdbc.property." + name, value));
            String size = Integer.toString(poolSize);
            props.put("eclipselink.connection-pool.default.initial", "1");
            props.put("eclipselink.connection-pool.default.min", size);
            props.put("eclipselink.connection-pool.default.max", size);
        }

        @Override
        public Connection openDedicated() throws SQLException {
            if (driver != null) {
                try {
                    Class.forName(driver, true, ConnectionSource.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new SQLException("JDBC driver " + driver + " not found", e);
                }
            }
            Properties props = new Properties();
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            props.putAll(driverProperties);
            return DriverManager.getConnection(url, props);
        }

        /** Neither the password nor the URL's parameters. */
        @Override
        public String toString() {
            return "ConnectionSource[url=" + description() + ", dialect=" + urlDialect + ", user=" + user + "]";
        }
    }
}
