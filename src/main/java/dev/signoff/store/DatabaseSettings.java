package dev.signoff.store;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Signoff keeps its tables, from the {@code signoff.db.*} context-params. A JNDI DataSource wins when
 * one is bound under {@link #jndiName()}; else {@link #url()} is used with EclipseLink's own connection pool;
 * else an H2 file database in {@code ~/.signoff/signoff}. A JNDI name given explicitly must be bound: a mistyped
 * name on a cluster would otherwise give each node a database of its own, and a logout would no longer reach the
 * other nodes ({@link ConnectionSource} fails the deployment instead). Immutable.
 *
 * @param jndiName    {@code signoff.db.jndi}, default {@code java:comp/env/jdbc/signoff}
 * @param url         {@code signoff.db.url}, a JDBC URL, or {@code null}
 * @param user        {@code signoff.db.user}
 * @param password    {@code signoff.db.password} (or {@code -env}, {@code -file})
 * @param driver      {@code signoff.db.driver}: the JDBC driver class, needed only for URLs other than
 *                    {@code jdbc:h2:}, {@code jdbc:postgresql:}, {@code jdbc:mariadb:} and {@code jdbc:mysql:}
 * @param createSchema {@code signoff.db.schema}: {@code create} (default) creates missing tables and indexes at
 *                    start; {@code none} expects them to exist (see {@code server-config/sql})
 * @param poolSize    {@code signoff.db.pool-size}, default 16: connections of the built-in pool (URL mode)
 * @param networkTimeout {@code signoff.db.network-timeout}, default 10 s: how long a connection of the built-in pool
 *                    waits for the database to answer before it is given up ({@code 0s}: as long as the driver
 *                    waits, which for PostgreSQL and MariaDB is for ever)
 * @param jndiExplicit whether {@code signoff.db.jndi} was given (and is not {@code none}): then a DataSource must be
 *                    bound there, and nothing else is used
 */
public record DatabaseSettings(String jndiName, String url, String user, String password, String driver,
                               boolean createSchema, int poolSize, Duration networkTimeout, boolean jndiExplicit) {

    public static final String JNDI = "signoff.db.jndi";
    public static final String URL = "signoff.db.url";
    public static final String USER = "signoff.db.user";
    public static final String PASSWORD = "signoff.db.password";
    public static final String DRIVER = "signoff.db.driver";
    public static final String SCHEMA = "signoff.db.schema";
    public static final String POOL_SIZE = "signoff.db.pool-size";
    public static final String NETWORK_TIMEOUT = "signoff.db.network-timeout";

    public static final String DEFAULT_JNDI = "java:comp/env/jdbc/signoff";
    public static final String DEFAULT_URL = "jdbc:h2:file:~/.signoff/signoff";
    public static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(10);

    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of(JNDI, URL, USER, DRIVER, SCHEMA, POOL_SIZE, NETWORK_TIMEOUT));
        names.addAll(Params.secretNames(PASSWORD));
        NAMES = List.copyOf(names);
    }

    public static DatabaseSettings parse(Params params) {
        String url = params.string(URL, null);
        if (url != null && !url.startsWith("jdbc:")) {
            throw new ConfigException(URL, "expected a JDBC URL starting with jdbc: such as jdbc:postgresql://127.0.0.1:5432/signoff");
        }
        String jndi = params.string(JNDI, null);
        return new DatabaseSettings(
                jndi == null ? DEFAULT_JNDI : jndi,
                url,
                params.string(USER, null),
                params.secret(PASSWORD),
                params.string(DRIVER, null),
                "create".equals(params.oneOf(SCHEMA, "create", List.of("create", "none"))),
                params.integer(POOL_SIZE, 16, 1, 1000),
                params.duration(NETWORK_TIMEOUT, DEFAULT_NETWORK_TIMEOUT, Duration.ZERO, Duration.ofHours(1)),
                jndi != null && !isNone(jndi));
    }

    public DatabaseSettings {
        jndiExplicit = jndiExplicit && !isNone(jndiName);
    }

    /** Settings built in code: a JNDI name other than the default one must be bound. */
    public DatabaseSettings(String jndiName, String url, String user, String password, String driver,
                            boolean createSchema, int poolSize, Duration networkTimeout) {
        this(jndiName, url, user, password, driver, createSchema, poolSize, networkTimeout, !DEFAULT_JNDI.equals(jndiName));
    }

    /** Settings built in code, with the default network timeout. */
    public DatabaseSettings(String jndiName, String url, String user, String password, String driver,
                            boolean createSchema, int poolSize) {
        this(jndiName, url, user, password, driver, createSchema, poolSize, DEFAULT_NETWORK_TIMEOUT);
    }

    /** Whether JNDI is off: {@code signoff.db.jndi} is {@code none} (or blank). */
    public boolean jndiDisabled() {
        return isNone(jndiName);
    }

    private static boolean isNone(String jndiName) {
        return jndiName == null || jndiName.isBlank() || "none".equals(jndiName);
    }

    /** The password is never part of the text form. */
    @Override
    public String toString() {
        return "DatabaseSettings[jndi=" + jndiName + (jndiExplicit ? " (required)" : "") + ", url=" + (url == null ? null : ConnectionSource.withoutQuery(url)) + ", user=" + user + ", createSchema=" + createSchema + "]";
    }
}
