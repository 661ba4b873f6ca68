package dev.signoff.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything Signoff does differently on each database it knows: the schema script it runs, the settings it adds to
 * a JDBC URL, the driver properties that bound a wait on the network, the driver class, and whether revocations can
 * be announced by {@code NOTIFY}. A database is recognised before connecting by its JDBC URL ({@link #ofUrl}) and,
 * once connected, by the product name its driver reports ({@link #ofProduct}); the second decides the schema and
 * {@code NOTIFY}, since a DataSource has no URL to read.
 *
 * <p>{@link #OTHER} is any other database: Signoff runs on it with tables a DBA created ({@code signoff.db.schema=none})
 * and with the driver's own timeouts.
 *
 * <p>A new dialect is one constant here and its script in {@code server-config/sql/}, which the build copies to
 * {@code dev/signoff/store/sql/} on the class path. This type is immutable and thread-safe.
 */
public enum Dialect {

    /** H2 2.x, embedded ({@code jdbc:h2:file:}, {@code jdbc:h2:mem:}) or as a server ({@code jdbc:h2:tcp:}). */
    H2("h2", "org.h2.Driver", List.of("jdbc:h2:"), List.of("h2"), false),

    /** PostgreSQL, whose {@code LISTEN/NOTIFY} carries each revocation to the other nodes as it commits. */
    POSTGRESQL("postgresql", "org.postgresql.Driver", List.of("jdbc:postgresql:"), List.of("postgres"), true),

    /** MariaDB, and MySQL through the MariaDB driver. */
    MARIADB("mariadb", "org.mariadb.jdbc.Driver", List.of("jdbc:mariadb:", "jdbc:mysql:"), List.of("mariadb", "mysql"), false),

    /** A database Signoff has no script for: the tables are created by hand, the driver is named by {@code signoff.db.driver}. */
    OTHER(null, null, List.of(), List.of(), false);

    private final String scriptName;
    private final String driverClass;
    private final List<String> urlPrefixes;
    private final List<String> productMarks;
    private final boolean notify;

    Dialect(String scriptName, String driverClass, List<String> urlPrefixes, List<String> productMarks, boolean notify) {
        this.scriptName = scriptName;
        this.driverClass = driverClass;
        this.urlPrefixes = urlPrefixes;
        this.productMarks = productMarks;
        this.notify = notify;
    }

    /** The dialect of a JDBC URL, by its prefix ({@code jdbc:postgresql:} and so on); {@link #OTHER} for any other. */
    public static Dialect ofUrl(String url) {
        for (Dialect dialect : values()) {
            for (String prefix : dialect.urlPrefixes) {
                if (url != null && url.startsWith(prefix)) {
                    return dialect;
                }
            }
        }
        return OTHER;
    }

    /**
     * The dialect of a database product, as {@link java.sql.DatabaseMetaData#getDatabaseProductName()} names it
     * ({@code H2}, {@code PostgreSQL}, {@code MariaDB}, {@code MySQL}); {@link #OTHER} for any other.
     */
    public static Dialect ofProduct(String product) {
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            for (String mark : dialect.productMarks) {
                if (lower.contains(mark)) {
                    return dialect;
                }
            }
        }
        return OTHER;
    }

    /** The JDBC driver class for this database, or {@code null} for {@link #OTHER} (then {@code signoff.db.driver} names it). */
    public String driverClass() {
        return driverClass;
    }

    /** Whether revocations are announced to the other nodes with {@code NOTIFY} in the transaction that records them. */
    public boolean hasNotify() {
        return notify;
    }

    /** Whether Signoff ships a schema script for this database. */
    public boolean hasSchemaScript() {
        return scriptName != null;
    }

    /**
     * {@code url} with the settings Signoff needs that the URL does not set itself. For H2: every commit is on disk
     * before it is acknowledged ({@code WRITE_DELAY=0}; H2 otherwise delays writes by half a second, so a killed process
     * would lose acknowledged logouts), and the database is closed by Signoff with the web application rather than by
     * H2's own shutdown hook, which may run after the application's classes are gone ({@code DB_CLOSE_ON_EXIT=FALSE}).
     * Other databases' URLs are returned as they are.
     */
    public String withUrlDefaults(String url) {
        if (this != H2) {
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
     * The driver properties that bound every wait on the database to {@code timeout}: to connect, to log in, and to
     * read an answer. Without them the PostgreSQL and MariaDB drivers wait for ever on a database that stops answering
     * without closing its connections (a network that drops every packet), and EclipseLink opens new connections while
     * holding its pool's lock, so one such wait stops every request that needs the database. Values the URL sets
     * itself win (both drivers let URL parameters override these). PostgreSQL counts in whole seconds (rounded up),
     * MariaDB in milliseconds; H2's TCP client takes no such property, and {@link #OTHER} is left alone. A zero
     * timeout adds nothing.
     */
    public Map<String, String> networkTimeoutProperties(Duration timeout) {
        if (timeout.isZero()) {
            return Map.of();
        }
        long millis = timeout.toMillis();
        return switch (this) {
            case POSTGRESQL -> {
                String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
                yield Map.of("connectTimeout", seconds, "loginTimeout", seconds, "socketTimeout", seconds);
            }
            case MARIADB -> Map.of("connectTimeout", Long.toString(millis), "socketTimeout", Long.toString(millis));
            case H2, OTHER -> Map.of();
        };
    }

    /**
     * The schema script, {@code server-config/sql/NAME.sql} as packaged: statements separated by {@code ;}, each
     * creating a table or an index if it does not exist.
     *
     * @throws StoreException for {@link #OTHER}, or when the script is missing from the war
     */
    public String schemaScript() {
        if (scriptName == null) {
            throw new StoreException("Signoff has no schema script for this database; create the tables yourself "
                    + "(server-config/sql/ shows them) and set signoff.db.schema=none", null);
        }
        String resource = "sql/" + scriptName + ".sql";
        try (InputStream in = Dialect.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("the schema script " + resource + " is missing from the war", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read the schema script " + resource, e);
        }
    }

    /**
     * The statement that makes nodes creating the schema at the same moment take turns, held until the schema's
     * transaction ends, or {@code null} where the database needs none. PostgreSQL's {@code CREATE TABLE IF NOT EXISTS}
     * is not safe against itself: of two nodes starting at once on an empty database, one would fail on the catalogue's
     * unique index. A transaction-scoped advisory lock (its key a constant of Signoff's own) serialises them, and the
     * second one's statements then find the tables there.
     */
    public String schemaLockStatement() {
        return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK_KEY + ")" : null;
    }

    /** The advisory-lock key Signoff's schema creation takes on PostgreSQL. */
    static final long SCHEMA_LOCK_KEY = 0x5195_0FF5_C4E3AL;
}
