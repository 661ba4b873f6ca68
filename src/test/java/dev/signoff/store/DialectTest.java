package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Driver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each database recognised by its URL and by its product name, with what Signoff does differently on it. */
class DialectTest {

    @ParameterizedTest
    @CsvSource({
        "jdbc:h2:file:~/.signoff/signoff, H2",
        "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1, H2",
        "jdbc:postgresql://127.0.0.1:5432/test, POSTGRESQL",
        "jdbc:mariadb://127.0.0.1/test, MARIADB",
        "jdbc:mysql://127.0.0.1/test, MARIADB",
        "jdbc:oracle:thin:@//127.0.0.1/x, OTHER",
        "jdbc:h2x:nothing, OTHER",
    })
    void aUrlNamesItsDialectByItsPrefix(String url, Dialect expected) {
        assertEquals(expected, Dialect.ofUrl(url));
    }

    @ParameterizedTest
    @CsvSource({"H2, H2", "PostgreSQL, POSTGRESQL", "MariaDB, MARIADB", "MySQL, MARIADB", "Oracle, OTHER", "'', OTHER"})
    void aProductNamesItsDialect(String product, Dialect expected) {
        assertEquals(expected, Dialect.ofProduct(product));
    }

    @Test
    void onlyPostgreSqlHasNotify() {
        for (Dialect dialect : Dialect.values()) {
            assertEquals(dialect == Dialect.POSTGRESQL, dialect.hasNotify(), dialect.name());
        }
    }

    @Test
    void everyKnownDialectHasItsScriptAndADriverInTheWar() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            if (dialect == Dialect.OTHER) {
                assertFalse(dialect.hasSchemaScript());
                assertThrows(StoreException.class, dialect::schemaScript);
                assertEquals(null, dialect.driverClass());
                continue;
            }
            assertTrue(dialect.schemaScript().contains("CREATE TABLE IF NOT EXISTS signoff_session"), dialect.name());
            assertTrue(Driver.class.isAssignableFrom(Class.forName(dialect.driverClass())), dialect.name());
        }
    }

    @Test
    void h2CommitsToDiskAndIsClosedBySignoffUnlessTheUrlSaysOtherwise() {
        assertEquals("jdbc:h2:file:./x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", Dialect.H2.withUrlDefaults("jdbc:h2:file:./x"));
        assertEquals("jdbc:h2:file:./x;write_delay=500;DB_CLOSE_ON_EXIT=FALSE", Dialect.H2.withUrlDefaults("jdbc:h2:file:./x;write_delay=500"));
        assertEquals("jdbc:postgresql://127.0.0.1/x", Dialect.POSTGRESQL.withUrlDefaults("jdbc:postgresql://127.0.0.1/x"));
    }

    @Test
    void otherDatabasesKeepTheirDriversTimeouts() {
        assertTrue(Dialect.OTHER.networkTimeoutProperties(Duration.ofSeconds(10)).isEmpty());
    }
}
