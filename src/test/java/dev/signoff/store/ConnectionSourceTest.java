package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.naming.NameNotFoundException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where connections come from: a DataSource given explicitly must be there; only the default name may be missing. */
class ConnectionSourceTest {

    private static final ConnectionSource.Naming NOTHING_BOUND = name -> {
        throw new NameNotFoundException(name + " is not bound");
    };

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger(ConnectionSource.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    private static DatabaseSettings settings(Map<String, String> params) {
        return DatabaseSettings.parse(new Params(dev.signoff.config.ConfigSource.of("context", Map.of(), params)));
    }

    private static DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getLogWriter") ? new PrintWriter(System.out) : null);
    }

    private String warningText() {
        return warnings.stream().map(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters())).toList().toString();
    }

    @Test
    void anExplicitNameWithNothingBoundFailsTheDeploymentNamingTheParameter() {
        DatabaseSettings settings = settings(Map.of(DatabaseSettings.JNDI, "java:comp/env/jdbc/typo",
                DatabaseSettings.URL, "jdbc:h2:mem:never"));
        assertTrue(settings.jndiExplicit());
        ConfigException e = assertThrows(ConfigException.class, () -> ConnectionSource.resolve(settings, NOTHING_BOUND));
        assertEquals(DatabaseSettings.JNDI, e.parameter());
        assertTrue(e.getMessage().startsWith("signoff.db.jndi: no DataSource at java:comp/env/jdbc/typo"), e.getMessage());
    }

    @Test
    void anExplicitNameBoundToSomethingElseFailsToo() {
        DatabaseSettings settings = settings(Map.of(DatabaseSettings.JNDI, "java:comp/env/jdbc/app"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConnectionSource.resolve(settings, name -> "a string"));
        assertTrue(e.getMessage().contains("java.lang.String, not a javax.sql.DataSource"), e.getMessage());
    }

    @Test
    void theDefaultNameGivenExplicitlyMustBeBoundAsWell() {
        DatabaseSettings settings = settings(Map.of(DatabaseSettings.JNDI, DatabaseSettings.DEFAULT_JNDI));
        assertThrows(ConfigException.class, () -> ConnectionSource.resolve(settings, NOTHING_BOUND));
    }

    @Test
    void aBoundDataSourceIsUsedWhateverTheUrl() {
        DataSource bound = dataSource();
        ConnectionSource source = ConnectionSource.resolve(settings(Map.of(DatabaseSettings.JNDI, "java:comp/env/jdbc/app",
                DatabaseSettings.URL, "jdbc:h2:mem:unused")), name -> bound);
        assertSame(bound, assertInstanceOf(ConnectionSource.Jndi.class, source).dataSource());
        assertEquals("the DataSource java:comp/env/jdbc/app", source.description());
        assertTrue(warnings.isEmpty(), this::warningText);
    }

    @Test
    void theDefaultNameUnboundFallsBackToTheUrlQuietly() {
        DatabaseSettings settings = settings(Map.of(DatabaseSettings.URL, "jdbc:postgresql://127.0.0.1/app?password=pw",
                DatabaseSettings.PASSWORD, "secret-pw", DatabaseSettings.NETWORK_TIMEOUT, "2s"));
        assertFalse(settings.jndiExplicit());
        ConnectionSource.Url url = assertInstanceOf(ConnectionSource.Url.class, ConnectionSource.resolve(settings, NOTHING_BOUND));
        assertEquals(Dialect.POSTGRESQL, url.urlDialect());
        assertEquals("org.postgresql.Driver", url.driver());
        assertEquals("jdbc:postgresql://127.0.0.1/app", url.description());
        assertFalse(url.toString().contains("pw"), url.toString());
        Properties props = new Properties();
        url.addJpaProperties(props);
        assertEquals("2", props.get("eclipselink.jdbc.property.socketTimeout"));
        assertEquals("secret-pw", props.get("jakarta.persistence.jdbc.password"));
        assertTrue(warnings.isEmpty(), this::warningText);
    }

    @Test
    void theDefaultNameUnboundAndNoUrlWarnsOnceNamingTheH2File() {
        ConnectionSource.Url url = assertInstanceOf(ConnectionSource.Url.class,
                ConnectionSource.resolve(settings(Map.of()), NOTHING_BOUND));
        assertEquals(Dialect.H2, url.urlDialect());
        assertTrue(url.url().startsWith(DatabaseSettings.DEFAULT_URL + ";WRITE_DELAY=0"), url.url());
        assertEquals(1, warnings.size(), this::warningText);
        assertTrue(warningText().contains(ConnectionSource.defaultH2File().toString()), this::warningText);
        assertTrue(ConnectionSource.defaultH2File().toString().endsWith("signoff.mv.db"));
        assertFalse(ConnectionSource.defaultH2File().toString().contains("~"));
    }

    @Test
    void noneSkipsTheLookup() {
        DatabaseSettings settings = settings(Map.of(DatabaseSettings.JNDI, "none", DatabaseSettings.URL, "jdbc:mariadb://127.0.0.1/x"));
        assertFalse(settings.jndiExplicit());
        ConnectionSource source = ConnectionSource.resolve(settings, name -> {
            throw new AssertionError("looked up " + name);
        });
        assertEquals(Dialect.MARIADB, source.urlDialect());
    }

    @Test
    void settingsBuiltInCodeRequireANameOtherThanTheDefault() {
        assertTrue(new DatabaseSettings("java:comp/env/jdbc/app", null, null, null, null, true, 1).jndiExplicit());
        assertFalse(new DatabaseSettings(DatabaseSettings.DEFAULT_JNDI, null, null, null, null, true, 1).jndiExplicit());
        assertFalse(new DatabaseSettings("none", null, null, null, null, true, 1, Duration.ZERO, true).jndiExplicit());
    }
}
