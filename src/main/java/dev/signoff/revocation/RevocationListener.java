package dev.signoff.revocation;

import dev.signoff.store.Database;
import dev.signoff.store.RevocationChanges;
import dev.signoff.store.RevocationNotice;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * On PostgreSQL, hears the revocations of every node as they commit ({@code LISTEN signoff_revocation}) and adds
 * them to the {@link RevocationView} at once, so that a logout on one node is refused on the others within
 * milliseconds instead of at the next {@link RevocationSync} read, which stays as the fallback.
 *
 * <p>It holds one dedicated connection, opened like the pool's (same DataSource or same URL and credentials) but
 * outside it. The first connection is made while Signoff starts; when it fails, or breaks later, the listener
 * reconnects with a growing delay (up to {@value #MAX_BACKOFF_MS} ms) and then asks for a full read, since
 * notifications sent meanwhile are lost. An idle connection is checked every {@code checkIntervalMillis}.
 * The driver's {@code PGConnection} is reached by reflection, so that a driver the container provides (another
 * class loader) works as well as the war's own.
 *
 * <p>Runs on one daemon thread, stopped by {@link #close()}.
 */
public final class RevocationListener implements AutoCloseable {

    static final long MIN_BACKOFF_MS = 250;
    static final long MAX_BACKOFF_MS = 5_000;
    private static final int POLL_MS = 500;
    private static final int NETWORK_TIMEOUT_MS = 10_000;

    private static final System.Logger LOG = System.getLogger(RevocationListener.class.getName());

    private final Database database;
    private final RevocationView view;
    private final Runnable catchUp;
    private final long checkIntervalMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Listening current;
    private boolean failing;

    /**
     * Connects and starts listening.
     *
     * @param catchUp             a full read of the database, run after every reconnection
     * @param checkIntervalMillis how often an idle connection is checked with a query
     */
    public RevocationListener(Database database, RevocationView view, Runnable catchUp, long checkIntervalMillis) {
        this.database = database;
        this.view = view;
        this.catchUp = catchUp;
        this.checkIntervalMillis = checkIntervalMillis;
        this.current = connect();
        this.thread = new Thread(this::run, "signoff-revocation-listen");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the listener holds a working connection, as far as it knows. */
    public boolean listening() {
        return current != null;
    }

    private Listening connect() {
        Connection connection = null;
        try {
            connection = database.openDedicatedConnection();
            Listening listening = new Listening(connection);
            if (failing) {
                failing = false;
                LOG.log(System.Logger.Level.INFO, "listening for revocations again");
            }
            return listening;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (!failing) {
                failing = true;
                LOG.log(System.Logger.Level.WARNING, "cannot listen for revocations ({0}); reading them every sync interval "
                        + "and retrying", e.getMessage());
            }
            return null;
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MS;
        long checkedAt = System.nanoTime();
        while (running) {
            Listening listening = current;
            if (listening == null) {
                if (!sleep(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                listening = connect();
                if (listening == null) {
                    continue;
                }
                current = listening;
                backoff = MIN_BACKOFF_MS;
                checkedAt = System.nanoTime();
                catchUp.run();
            }
            try {
                for (String payload : listening.poll(POLL_MS)) {
                    RevocationChanges changes = RevocationNotice.parse(payload);
                    if (changes != null) {
                        view.apply(changes);
                    } else {
                        LOG.log(System.Logger.Level.DEBUG, "ignoring a notification that is not a revocation");
                    }
                }
                if (System.nanoTime() - checkedAt > checkIntervalMillis * 1_000_000) {
                    listening.check();
                    checkedAt = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                current = null;
                closeQuietly(listening.connection);
                if (running && !failing) {
                    failing = true;
                    LOG.log(System.Logger.Level.WARNING, "lost the connection listening for revocations ({0}); reconnecting",
                            e.getMessage());
                }
            }
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Listening listening = current;
        if (listening != null) {
            closeQuietly(listening.connection);
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // going away anyway
            }
        }
    }

    /** One connection in {@code LISTEN} mode, with the driver's notification API found by reflection. */
    private static final class Listening {

        private final Connection connection;
        private final Object pg;
        private final Method getNotifications;
        private Method getParameter;

        Listening(Connection connection) throws SQLException {
            this.connection = connection;
            Class<?> api = pgConnectionClass(connection);
            this.pg = connection.unwrap(api);
            try {
                this.getNotifications = api.getMethod("getNotifications", int.class);
            } catch (NoSuchMethodException e) {
                throw new SQLException("the PostgreSQL driver has no getNotifications(int)", e);
            }
            connection.setAutoCommit(true);
            connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
            try (Statement st = connection.createStatement()) {
                st.execute("LISTEN " + RevocationNotice.CHANNEL);
            }
        }

        /** The payloads received within {@code timeoutMillis} (returns at the first notification). */
        List<String> poll(int timeoutMillis) throws SQLException {
            Object[] notifications = (Object[]) invoke(getNotifications, pg, timeoutMillis);
            if (notifications == null || notifications.length == 0) {
                return List.of();
            }
            List<String> payloads = new ArrayList<>(notifications.length);
            for (Object notification : notifications) {
                if (getParameter == null) {
                    getParameter = publicMethod(notification.getClass(), "getParameter");
                }
                payloads.add((String) invoke(getParameter, notification));
            }
            return payloads;
        }

        void check() throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT 1");
            }
        }

        private static Class<?> pgConnectionClass(Connection connection) throws SQLException {
            List<ClassLoader> loaders = new ArrayList<>();
            loaders.add(RevocationListener.class.getClassLoader());
            loaders.add(connection.getClass().getClassLoader());
            loaders.add(Thread.currentThread().getContextClassLoader());
            for (ClassLoader loader : loaders) {
                if (loader == null) {
                    continue;
                }
                try {
                    Class<?> api = Class.forName("org.postgresql.PGConnection", false, loader);
                    if (connection.isWrapperFor(api)) {
                        return api;
                    }
                } catch (ClassNotFoundException e) {
                    // try the next class loader
                }
            }
            throw new SQLException("the connection is not a PostgreSQL driver connection (org.postgresql.PGConnection)");
        }

        /** {@code name()} as declared by a public interface of {@code type}: the class itself may not be public. */
        private static Method publicMethod(Class<?> type, String name) throws SQLException {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> api : c.getInterfaces()) {
                    try {
                        return api.getMethod(name);
                    } catch (NoSuchMethodException e) {
                        // try the next interface
                    }
                }
            }
            throw new SQLException(type.getName() + " has no public " + name + "()");
        }

        private static Object invoke(Method method, Object target, Object... args) throws SQLException {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException sql) {
                    throw sql;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new SQLException(cause);
            } catch (IllegalAccessException e) {
                throw new SQLException("cannot call " + method, e);
            }
        }
    }
}
