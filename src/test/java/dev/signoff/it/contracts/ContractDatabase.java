package dev.signoff.it.contracts;

import dev.signoff.it.SignoffServer;
import dev.signoff.it.Tokens;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;

/**
 * The database of one contract's war: an in-memory H2 database served over TCP by this JVM, so that a test can
 * make it unreachable in the middle of a run ({@link #stop()}) and still read what was committed, through an
 * embedded connection to the same database.
 */
final class ContractDatabase implements AutoCloseable {

    /**
     * The setting every contract's war runs with: one node, so there are no other nodes' logouts to read. While the
     * database is unreachable, each read attempt would hold up the requests that also wait for the database.
     */
    static final String SINGLE_NODE = "signoff.revocation.sync-interval=1h";

    /** The users every contract's war has: each logs in with its name followed by {@code -pw}. */
    static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin");

    private final Server server;
    private final String name;
    private final String url;

    private ContractDatabase(Server server, String name, String url) {
        this.server = server;
        this.name = name;
        this.url = url;
    }

    static ContractDatabase start(String name) throws SQLException, java.io.IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
        return new ContractDatabase(server, name, "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    /**
     * Starts the war of {@code contract} on this database, as one node, with the tests' secret and {@link #USERS};
     * {@code more} adds launcher options, {@code environment} variables of the war's process.
     */
    SignoffServer startWar(Map<String, String> environment, String contract, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--contract", contract, "--db", url, "--set", "signoff.secret=" + Tokens.SECRET,
                "--set", SINGLE_NODE));
        for (String user : USERS) {
            args.add("--user");
            args.add(user + ":" + user + "-pw");
        }
        args.addAll(List.of(more));
        return SignoffServer.start(environment, args.toArray(String[]::new));
    }

    /** The JDBC URL the war connects to. */
    String url() {
        return url;
    }

    /** Makes the database unreachable for the war: closes its connections and stops listening. */
    void stop() {
        server.stop();
    }

    /** The single value {@code sql} selects, read in this JVM (works after {@link #stop()} too); {@code null} when none. */
    Object value(String sql, Object... params) throws SQLException {
        try (Connection c = embedded(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    /** Runs an update in this JVM; returns the number of rows changed. */
    int update(String sql, Object... params) throws SQLException {
        try (Connection c = embedded(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        }
    }

    private Connection embedded() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE");
    }

    /** Stops the server and drops the database. */
    @Override
    public void close() throws SQLException {
        server.stop();
        try (Connection c = embedded(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }
}
