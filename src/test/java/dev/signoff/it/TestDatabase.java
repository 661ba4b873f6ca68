package dev.signoff.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import org.h2.tools.Server;

/**
 * A fresh, empty database for one test class, on the database the build was asked to test against: the system
 * property {@value #PROPERTY} ({@code h2}, {@code postgresql} or {@code mariadb}; Maven sets it from {@code -Ddb=}).
 * PostgreSQL and MariaDB databases are named {@code signoff_it_NAME}, created (dropped first if left over) on the
 * servers at {@code 127.0.0.1:5432} (user {@code postgres}) and {@code 127.0.0.1:3306} (user {@code root}), and
 * dropped again by {@link #close()}. A server that cannot be reached fails the test with a message saying how to
 * start it: a database profile never passes without its database.
 */
public final class TestDatabase implements AutoCloseable {

    /**
     * The JUnit tag of tests whose outcome does not depend on the database (they fail before one is opened): run with
     * H2 only.
     */
    public static final String INDEPENDENT = "database-independent";

    /**
     * The JUnit tag of tests of a database reached over the network, whose driver bounds each wait (PostgreSQL and
     * MariaDB; H2's TCP client takes no timeout): run with {@code -Ddb=postgresql} and {@code -Ddb=mariadb}.
     */
    public static final String DATABASE_SERVER = "database-server";

    /**
     * The JUnit tag of tests that exist for MariaDB alone, the database with neither {@code NOTIFY} nor an H2 file:
     * run with {@code -Ddb=mariadb}.
     */
    public static final String MARIADB_ONLY = "mariadb";

    /** The JUnit tag of tests that exist for PostgreSQL alone: run with {@code -Ddb=postgresql}. */
    public static final String POSTGRESQL_ONLY = "postgresql";

    /** The system property naming the database under test. */
    public static final String PROPERTY = "signoff.it.db";

    /** The database products the tests run against. */
    public enum Kind {
        H2, POSTGRESQL, MARIADB
    }

    private static final String PG_HOST = System.getProperty("signoff.it.postgresql.host", "127.0.0.1");
    private static final int PG_PORT = Integer.getInteger("signoff.it.postgresql.port", 5432);
    private static final String PG_USER = System.getProperty("signoff.it.postgresql.user", "postgres");
    private static final String MARIADB_HOST = System.getProperty("signoff.it.mariadb.host", "127.0.0.1");
    private static final int MARIADB_PORT = Integer.getInteger("signoff.it.mariadb.port", 3306);
    private static final String MARIADB_USER = System.getProperty("signoff.it.mariadb.user", "root");

    private final Kind kind;
    private final String name;
    private final Server h2Server;
    private final String host;
    private final int port;

    private TestDatabase(Kind kind, String name, Server h2Server, String host, int port) {
        this.kind = kind;
        this.name = name;
        this.h2Server = h2Server;
        this.host = host;
        this.port = port;
    }

    /** The database product selected for this run. */
    public static Kind selected() {
        String value = System.getProperty(PROPERTY, "h2").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "h2" -> Kind.H2;
            case "postgresql" -> Kind.POSTGRESQL;
            case "mariadb" -> Kind.MARIADB;
            default -> throw new IllegalStateException(PROPERTY + "=" + value + ": expected h2, postgresql or mariadb");
        };
    }

    /**
     * A fresh database of the selected kind. For H2 it is an in-memory database of whichever process opens the URL
     * (the war under test, or this JVM for store-level tests).
     */
    public static TestDatabase create(String name) {
        return create(selected(), name, false);
    }

    /**
     * A fresh database of the selected kind that listens on a TCP port of this machine, so that a test can reach it
     * from outside the war, or put a {@link TcpRelay} in front of it. For H2 a TCP server in this JVM serves it.
     */
    public static TestDatabase createServed(String name) {
        return create(selected(), name, true);
    }

    /** A fresh PostgreSQL database, whatever database the run selected: for tests that exist for PostgreSQL alone. */
    public static TestDatabase postgresql(String name) {
        return create(Kind.POSTGRESQL, name, true);
    }

    private static TestDatabase create(Kind kind, String name, boolean served) {
        String database = "signoff_it_" + name.toLowerCase(Locale.ROOT);
        switch (kind) {
            case H2 -> {
                if (!served) {
                    return new TestDatabase(kind, database, null, null, -1);
                }
                try (ServerSocket probe = new ServerSocket(0)) {
                    int free = probe.getLocalPort();
                    probe.close();
                    Server server = Server.createTcpServer("-tcpPort", Integer.toString(free), "-ifNotExists").start();
                    return new TestDatabase(kind, database, server, "127.0.0.1", server.getPort());
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException("cannot start an H2 TCP server: " + e.getMessage(), e);
                }
            }
            case POSTGRESQL -> {
                TestDatabase db = new TestDatabase(kind, database, null, PG_HOST, PG_PORT);
                db.admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "CREATE DATABASE " + database);
                return db;
            }
            default -> {
                TestDatabase db = new TestDatabase(kind, database, null, MARIADB_HOST, MARIADB_PORT);
                db.admin("DROP DATABASE IF EXISTS " + database,
                        "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                return db;
            }
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The database's name on its server. */
    public String name() {
        return name;
    }

    /** The JDBC URL of this database, user included, as given to Signoff with {@code --db}. */
    public String url() {
        return host == null ? "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" : urlThrough(port);
    }

    /** The JDBC URL of this database reached through another loopback port (a {@link TcpRelay} in front of it). */
    public String urlThrough(int throughPort) {
        return switch (kind) {
            case H2 -> {
                if (host == null) {
                    throw new IllegalStateException("an in-memory H2 database has no port: use TestDatabase.createServed");
                }
                yield "jdbc:h2:tcp://" + host + ":" + throughPort + "/mem:" + name + ";DB_CLOSE_DELAY=-1";
            }
            case POSTGRESQL -> "jdbc:postgresql://" + host + ":" + throughPort + "/" + name + "?user=" + PG_USER;
            case MARIADB -> "jdbc:mariadb://" + host + ":" + throughPort + "/" + name + "?user=" + MARIADB_USER;
        };
    }

    /** The TCP port the database listens on. */
    public int port() {
        if (host == null) {
            throw new IllegalStateException("an in-memory H2 database has no port: use TestDatabase.createServed");
        }
        return port;
    }

    /** A connection of this JVM to the database. */
    public Connection connect() throws SQLException {
        return connect(url());
    }

    /** Connects with the driver itself, whatever {@link java.sql.DriverManager} has registered at the moment. */
    private static Connection connect(String url) throws SQLException {
        String driver = url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver"
                : url.startsWith("jdbc:mariadb:") ? "org.mariadb.jdbc.Driver" : "org.h2.Driver";
        try {
            Connection c = ((Driver) Class.forName(driver).getDeclaredConstructor().newInstance()).connect(url, new Properties());
            if (c == null) {
                throw new SQLException(driver + " does not accept " + url);
            }
            return c;
        } catch (ReflectiveOperationException e) {
            throw new SQLException("JDBC driver " + driver + " is missing from the test class path", e);
        }
    }

    /** Drops the database (PostgreSQL, MariaDB), or ends it and stops its TCP server (H2). */
    @Override
    public void close() {
        switch (kind) {
            case H2 -> {
                // an in-memory database of this JVM (or of the H2 server here) ends with SHUTDOWN; one that lived in
                // the war's process ended with it, and this only creates and ends an empty one
                try (Connection c = connect(); Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                } catch (SQLException e) {
                    // already closed
                }
                if (h2Server != null) {
                    h2Server.stop();
                }
            }
            case POSTGRESQL -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            case MARIADB -> admin("DROP DATABASE IF EXISTS " + name);
        }
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }

    private void admin(String... statements) {
        String url = kind == Kind.POSTGRESQL
                ? "jdbc:postgresql://" + host + ":" + port + "/postgres?user=" + PG_USER + "&connectTimeout=10"
                : "jdbc:mariadb://" + host + ":" + port + "/?user=" + MARIADB_USER + "&connectTimeout=10000";
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            String start = kind == Kind.POSTGRESQL
                    ? "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
                    : "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";
            throw new IllegalStateException(kind + " at " + host + ":" + port + " is required by " + PROPERTY + "="
                    + kind.name().toLowerCase(Locale.ROOT) + " but failed: " + e.getMessage() + " (start it with: " + start
                    + ", or run .ci/run)", e);
        }
    }
}
