package dev.signoff.store;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The JDBC drivers registered from Signoff's own class loader (the drivers in the war's WEB-INF/lib), deregistered
 * when Signoff stops so that an undeployed war leaves no driver behind to pin its class loader.
 *
 * <p>Listing the drivers can register one: for every driver the server registered, {@link DriverManager#getDrivers()}
 * checks that its class is the one the caller's class loader sees, which initialises the war's own copy of a driver
 * of the same name (a server with the H2 or PostgreSQL driver in its lib, and the same driver in the war), and a
 * driver registers itself when its class is initialised. So the drivers are listed again, after the first listing
 * too, until none of Signoff's is left.
 */
final class JdbcDrivers {

    private static final System.Logger LOG = System.getLogger(JdbcDrivers.class.getName());
    private static final int ROUNDS = 5;

    private JdbcDrivers() {
    }

    /** Deregisters every driver registered from this class's class loader; returns how many there were. */
    static int deregisterOwn() {
        ClassLoader loader = JdbcDrivers.class.getClassLoader();
        if (loader == ClassLoader.getSystemClassLoader() || loader == ClassLoader.getPlatformClassLoader()) {
            return 0; // on the JVM's own class path (embedded use, tests) the drivers belong to the JVM, not to a war
        }
        int deregistered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Driver> own = own();
            if (own.isEmpty() && round > 0) {
                break;
            }
            for (Driver driver : own) {
                try {
                    DriverManager.deregisterDriver(driver);
                    deregistered++;
                } catch (SQLException | SecurityException e) {
                    LOG.log(System.Logger.Level.DEBUG, "could not deregister {0}: {1}", driver.getClass().getName(), e.getMessage());
                }
            }
        }
        return deregistered;
    }

    /** The registered drivers whose class this class's class loader loaded. */
    static List<Driver> own() {
        ClassLoader own = JdbcDrivers.class.getClassLoader();
        return Collections.list(DriverManager.getDrivers()).stream().filter(d -> d.getClass().getClassLoader() == own).toList();
    }
}
