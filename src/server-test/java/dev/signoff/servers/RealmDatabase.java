package dev.signoff.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The PostgreSQL database whose tables a server's database realm reads in {@link DatabaseRealmIT}: the URL, user and
 * password of the system properties {@code signoff.users.url}, {@code signoff.users.user} and
 * {@code signoff.users.password}, which pom.xml sets for every server (database {@code signoff_realm_<server>}) and
 * which each server's realm configuration is given. {@link #create()} makes it afresh (dropped first if left over) with
 * the tables of {@code server-config/realm/users-postgresql.sql} and the users alice and bob; {@link #drop()} removes
 * it. The password hashes, in the format of the active server's realm, are the resource {@code realm-users.properties}
 * of that server's folder under src/server-test.
 */
final class RealmDatabase {

    private final String url;
    private final String name;
    private final Properties credentials;
    private final Properties hashes;

    private RealmDatabase(String url, String name, Properties credentials, Properties hashes) {
        this.url = url;
        this.name = name;
        this.credentials = credentials;
        this.hashes = hashes;
    }

    /** The database of the system properties; refuses any name that is not the suite's own. */
    static RealmDatabase fromSystemProperties() {
        String url = property("signoff.users.url");
        String name = url.substring(url.lastIndexOf('/') + 1);
        if (!url.startsWith("jdbc:postgresql://127.0.0.1:") || !name.matches("signoff_realm_[a-z0-9_]+")) {
            throw new IllegalStateException("signoff.users.url=" + url + ": expected a loopback database signoff_realm_<server>");
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", property("signoff.users.user"));
        credentials.setProperty("password", property("signoff.users.password"));
        return new RealmDatabase(url, name, credentials, resource("realm-users.properties"));
    }

    /** The JDBC URL the server's realm is given. */
    String url() {
        return url;
    }

    /** The stored form of {@code user}'s password in the active server's format. */
    String hash(String user) {
        String hash = hashes.getProperty(user);
        if (hash == null) {
            throw new IllegalStateException("realm-users.properties holds no hash for " + user);
        }
        return hash;
    }

    /** A fresh database with the tables of server-config/realm/users-postgresql.sql, alice (user, admin) and bob (user). */
    void create() {
        dropDatabase();
        execute(url.replaceAll("/[^/]+$", "/postgres"), "CREATE DATABASE " + name);
        String script = readScript();
        try (Connection c = connect(url, credentials); Statement s = c.createStatement()) {
            for (String statement : script.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the tables of users-postgresql.sql in " + name + ": " + e, e);
        }
        addUser(Users.ALICE, hash(Users.ALICE), "user", "admin");
        addUser(Users.BOB, hash(Users.BOB), "user");
    }

    /** Adds a user as the application would: a row of app_users and one of app_user_roles for each role. */
    void addUser(String user, String passwordHash, String... roles) {
        try (Connection c = connect(url, credentials)) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO app_users (username, password_hash) VALUES (?, ?)")) {
                insert.setString(1, user);
                insert.setString(2, passwordHash);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO app_user_roles (username, role) VALUES (?, ?)")) {
                for (String role : roles) {
                    insert.setString(1, user);
                    insert.setString(2, role);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add " + user + " to " + name + ": " + e, e);
        }
    }

    /** Removes a user's row (and so, by the foreign key, its roles). */
    void removeUser(String user) {
        try (Connection c = connect(url, credentials);
                PreparedStatement delete = c.prepareStatement("DELETE FROM app_users WHERE username = ?")) {
            delete.setString(1, user);
            if (delete.executeUpdate() != 1) {
                throw new IllegalStateException(user + " was not in " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove " + user + " from " + name + ": " + e, e);
        }
    }

    /** Drops the database, ending the connections the server's pool still holds to it. */
    void drop() {
        dropDatabase();
    }

    /**
     * A connection through the driver itself, not DriverManager: an embedded Tomcat's leak prevention deregisters the
     * drivers a web application's class loader saw when that application is undeployed.
     */
    private Connection connect(String databaseUrl, Properties info) throws SQLException {
        try {
            Driver driver = (Driver) Class.forName("org.postgresql.Driver").getDeclaredConstructor().newInstance();
            return driver.connect(databaseUrl, info);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the PostgreSQL driver is not on the test class path", e);
        }
    }

    private void dropDatabase() {
        execute(url.replaceAll("/[^/]+$", "/postgres"), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String databaseUrl, String sql) {
        try (Connection c = connect(databaseUrl, credentials); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + databaseUrl
                    + " (is PostgreSQL running on 127.0.0.1:5432?): " + e, e);
        }
    }

    /** The script without its comment lines (the commented example ends in semicolons). */
    private static String readScript() {
        Path script = Path.of(property("signoff.server-config"), "realm", "users-postgresql.sql");
        try {
            return Files.readAllLines(script, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties resource(String name) {
        try (InputStream in = RealmDatabase.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path: run the suite with mvn verify -P<server>");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the suite with mvn verify -P<server>");
        }
        return value;
    }
}
