package dev.signoff.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The local PostgreSQL (127.0.0.1:5432, trust authentication), when it is reachable. */
public final class Postgres {

    public static final String USER = "postgres";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private Postgres() {
    }

    /** The server version, or {@code null} when PostgreSQL cannot be reached. */
    public static String version() {
        try (Connection c = connect("postgres")) {
            return c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return null;
        }
    }

    /** Drops and creates the database {@code name}; returns its JDBC URL. */
    public static String fresh(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        return SERVER + name;
    }

    public static void drop(String name) {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + name + ": " + e.getMessage());
        }
    }

    private static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(SERVER + database, props);
    }
}
