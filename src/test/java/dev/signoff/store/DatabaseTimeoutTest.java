package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The network timeout as the drivers in the war read it, from {@code signoff.db.network-timeout} and the URL. */
class DatabaseTimeoutTest {

    private static Properties asProperties(Map<String, String> map) {
        Properties props = new Properties();
        props.putAll(map);
        return props;
    }

    @Test
    void postgreSqlGetsWholeSecondsAndTheUrlWins() {
        Map<String, String> props = Dialect.POSTGRESQL.networkTimeoutProperties(Duration.ofMillis(2_500));
        assertEquals(Map.of("connectTimeout", "3", "loginTimeout", "3", "socketTimeout", "3"), props);

        Properties parsed = org.postgresql.Driver.parseURL("jdbc:postgresql://127.0.0.1/app?socketTimeout=60", asProperties(props));
        assertEquals("60", parsed.getProperty("socketTimeout"), "a timeout in the URL wins");
        assertEquals("3", parsed.getProperty("loginTimeout"));
    }

    @Test
    void mariaDbGetsMillisecondsAndTheUrlWins() throws Exception {
        Map<String, String> props = Dialect.MARIADB.networkTimeoutProperties(Duration.ofMillis(2_500));
        assertEquals(Map.of("connectTimeout", "2500", "socketTimeout", "2500"), props);

        org.mariadb.jdbc.Configuration parsed = org.mariadb.jdbc.Configuration.parse("jdbc:mariadb://127.0.0.1/app?socketTimeout=60000",
                asProperties(props));
        assertEquals(60_000, parsed.socketTimeout(), "a timeout in the URL wins");
        assertEquals(2_500, parsed.connectTimeout());
    }

    @Test
    void zeroAndOtherDatabasesLeaveTheDriverAlone() {
        assertTrue(Dialect.POSTGRESQL.networkTimeoutProperties(Duration.ZERO).isEmpty());
        assertTrue(Dialect.H2.networkTimeoutProperties(Duration.ofSeconds(10)).isEmpty());
    }
}
