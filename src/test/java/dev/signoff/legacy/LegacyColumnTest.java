package dev.signoff.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LegacyColumnTest {

    private Connection connection;

    @BeforeEach
    void createTable() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:legacy" + System.nanoTime());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE app_users (username VARCHAR(64) PRIMARY KEY, refresh_token VARCHAR(255))");
            s.execute("CREATE SCHEMA legacy");
            s.execute("CREATE TABLE legacy.accounts (login VARCHAR(64), remember_me VARCHAR(255))");
        }
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private static LegacyColumnSettings parse(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return LegacyColumnSettings.parse(new Params(ConfigSource.of("context", Map.of(), params)));
    }

    private static LegacyColumnSettings appUsers(String clearedValue) {
        return parse(LegacyColumnSettings.TABLE, "app_users", LegacyColumnSettings.SUBJECT_COLUMN, "username",
                LegacyColumnSettings.TOKEN_COLUMN, "refresh_token", LegacyColumnSettings.CLEARED_VALUE, clearedValue);
    }

    @Test
    void unsetIsOff() {
        assertNull(parse());
    }

    @Test
    void theStatementUsesTheNamesAsTheDatabaseStoresThemAndBindsTheValues() throws Exception {
        assertEquals("UPDATE \"APP_USERS\" SET \"REFRESH_TOKEN\" = ? WHERE \"USERNAME\" = ?",
                LegacyColumn.bind(appUsers("empty"), connection).statement());
        assertEquals("UPDATE \"APP_USERS\" SET \"REFRESH_TOKEN\" = NULL WHERE \"USERNAME\" = ?",
                LegacyColumn.bind(appUsers("null"), connection).statement());
        LegacyColumnSettings inSchema = parse(LegacyColumnSettings.SCHEMA, "Legacy", LegacyColumnSettings.TABLE, "ACCOUNTS",
                LegacyColumnSettings.SUBJECT_COLUMN, "login", LegacyColumnSettings.TOKEN_COLUMN, "remember_me");
        assertEquals("UPDATE \"LEGACY\".\"ACCOUNTS\" SET \"REMEMBER_ME\" = ? WHERE \"LOGIN\" = ?",
                LegacyColumn.bind(inSchema, connection).statement());
    }

    @Test
    void missingTablesAndColumnsFailNamingTheParameter() {
        LegacyColumnSettings noTable = parse(LegacyColumnSettings.TABLE, "users", LegacyColumnSettings.SUBJECT_COLUMN, "username",
                LegacyColumnSettings.TOKEN_COLUMN, "refresh_token");
        assertEquals(LegacyColumnSettings.TABLE, assertThrows(ConfigException.class, () -> LegacyColumn.bind(noTable, connection)).parameter());
        LegacyColumnSettings otherSchema = parse(LegacyColumnSettings.SCHEMA, "legacy", LegacyColumnSettings.TABLE, "app_users",
                LegacyColumnSettings.SUBJECT_COLUMN, "username", LegacyColumnSettings.TOKEN_COLUMN, "refresh_token");
        assertEquals(LegacyColumnSettings.TABLE, assertThrows(ConfigException.class, () -> LegacyColumn.bind(otherSchema, connection)).parameter());
        LegacyColumnSettings noSubject = parse(LegacyColumnSettings.TABLE, "app_users", LegacyColumnSettings.SUBJECT_COLUMN, "name",
                LegacyColumnSettings.TOKEN_COLUMN, "refresh_token");
        assertEquals(LegacyColumnSettings.SUBJECT_COLUMN,
                assertThrows(ConfigException.class, () -> LegacyColumn.bind(noSubject, connection)).parameter());
        LegacyColumnSettings noToken = parse(LegacyColumnSettings.TABLE, "app_users", LegacyColumnSettings.SUBJECT_COLUMN, "username",
                LegacyColumnSettings.TOKEN_COLUMN, "token");
        assertEquals(LegacyColumnSettings.TOKEN_COLUMN,
                assertThrows(ConfigException.class, () -> LegacyColumn.bind(noToken, connection)).parameter());
    }

    @Test
    void onlyPlainIdentifiersAreAccepted() {
        for (String bad : new String[] {"app_users; DROP TABLE x", "\"app_users\"", "app-users", "1users", "app users", "x".repeat(64)}) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse(LegacyColumnSettings.TABLE, bad,
                    LegacyColumnSettings.SUBJECT_COLUMN, "username", LegacyColumnSettings.TOKEN_COLUMN, "refresh_token"));
            assertEquals(LegacyColumnSettings.TABLE, e.parameter(), bad);
        }
        assertEquals(LegacyColumnSettings.TOKEN_COLUMN, assertThrows(ConfigException.class, () -> parse(LegacyColumnSettings.TABLE,
                "app_users", LegacyColumnSettings.SUBJECT_COLUMN, "username", LegacyColumnSettings.TOKEN_COLUMN, "a.b")).parameter());
    }

    @Test
    void incompleteOrUnknownSettingsFailNamingTheParameter() {
        assertEquals(LegacyColumnSettings.TABLE, assertThrows(ConfigException.class,
                () -> parse(LegacyColumnSettings.TOKEN_COLUMN, "refresh_token")).parameter());
        assertEquals(LegacyColumnSettings.TOKEN_COLUMN, assertThrows(ConfigException.class,
                () -> parse(LegacyColumnSettings.TABLE, "app_users", LegacyColumnSettings.SUBJECT_COLUMN, "username")).parameter());
        ConfigException value = assertThrows(ConfigException.class, () -> appUsers("blank"));
        assertEquals(LegacyColumnSettings.CLEARED_VALUE, value.parameter());
        assertTrue(value.getMessage().contains("empty") && value.getMessage().contains("null"), value.getMessage());
    }
}
