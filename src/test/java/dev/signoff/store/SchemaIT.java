package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.TestDatabase;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.DirectToFieldMapping;
import org.junit.jupiter.api.Test;

/**
 * The schema in {@code server-config/sql/} is the one the JPA mapping expects, on the database under test: every
 * mapped column exists with its type, length and nullability, no other column exists, the primary keys match, and
 * the indexes are exactly those the mapping declares ({@code @Table(indexes)}: one for each lookup Signoff makes),
 * whether a DBA applies the script by hand or Signoff runs it.
 */
class SchemaIT {

    private static DatabaseSettings settings(TestDatabase db, boolean create) {
        return new DatabaseSettings("none", db.url(), null, null, null, create, 2);
    }

    @Test
    void theScriptADbaAppliesByHandIsWhatTheMappingExpects() throws Exception {
        try (TestDatabase db = TestDatabase.create("schema_manual")) {
            String file = switch (db.kind()) {
                case H2 -> "h2.sql";
                case POSTGRESQL -> "postgresql.sql";
                case MARIADB -> "mariadb.sql";
            };
            String script = Files.readString(Path.of("server-config", "sql", file), StandardCharsets.UTF_8);
            StoreException missing = assertThrows(StoreException.class, () -> Database.open(settings(db, false)),
                    "a database without tables does not open with signoff.db.schema=none");
            assertTrue(missing.getMessage().contains("is missing or does not match"), missing.getMessage());
            try (Connection c = db.connect()) {
                applyByHand(c, script);
            }
            try (Database database = Database.open(settings(db, false))) {
                assertSchemaMatchesMapping(database);
            }
        }
    }

    @Test
    void theSchemaSignoffCreatesItselfIsWhatTheMappingExpectsAndCreatingItAgainChangesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create("schema_auto")) {
            try (Database database = Database.open(settings(db, true))) {
                assertSchemaMatchesMapping(database);
            }
            try (Database database = Database.open(settings(db, true))) {
                assertSchemaMatchesMapping(database);
            }
        }
    }

    @Test
    void aTableThatDoesNotMatchTheMappingFailsTheStartNamingIt() {
        try (TestDatabase db = TestDatabase.create("schema_bad")) {
            try (Database database = Database.open(settings(db, true))) {
                database.inTransaction(em -> em.createNativeQuery("DROP TABLE signoff_revoked_token").executeUpdate());
                database.inTransaction(em -> em.createNativeQuery(
                        "CREATE TABLE signoff_revoked_token (jti VARCHAR(64) NOT NULL PRIMARY KEY)").executeUpdate());
            }
            StoreException e = assertThrows(StoreException.class, () -> Database.open(settings(db, false)));
            assertTrue(e.getMessage().contains("signoff_revoked_token"), e.getMessage());
        }
    }

    /** What a DBA does: run each statement of the file as it stands. */
    private static void applyByHand(Connection c, String script) throws SQLException {
        for (String statement : script.split(";")) {
            String sql = statement.replaceAll("(?m)^--.*$", "").trim();
            if (!sql.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new AssertionError("the script fails at: " + sql, e);
                }
            }
        }
    }

    static void assertSchemaMatchesMapping(Database database) {
        JpaEntityManagerFactory emf = database.entityManagerFactory().unwrap(JpaEntityManagerFactory.class);
        database.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try {
                DatabaseMetaData meta = c.getMetaData();
                for (Class<?> entity : SignoffPersistenceUnit.ENTITIES) {
                    ClassDescriptor descriptor = emf.getDatabaseSession().getClassDescriptor(entity);
                    compare(meta, c, descriptor, entity.getAnnotation(Table.class));
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            return null;
        });
    }

    private record Column(int type, int size, boolean nullable) {
    }

    private static void compare(DatabaseMetaData meta, Connection c, ClassDescriptor descriptor, Table table) throws SQLException {
        String name = identifier(meta, descriptor.getTableName());
        assertEquals(table.name(), descriptor.getTableName().toLowerCase(Locale.ROOT));
        String catalog = c.getCatalog();
        String schema = c.getSchema();

        Map<String, Column> actual = new TreeMap<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, name, null)) {
            while (rs.next()) {
                actual.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        new Column(rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"), "YES".equals(rs.getString("IS_NULLABLE"))));
            }
        }
        assertFalse(actual.isEmpty(), "table " + table.name() + " not found");

        Map<String, Column> expected = new TreeMap<>();
        for (DatabaseMapping mapping : descriptor.getMappings()) {
            DirectToFieldMapping direct = (DirectToFieldMapping) mapping;
            DatabaseField field = direct.getField();
            Class<?> javaType = direct.getAttributeClassification();
            Column column = javaType == String.class ? new Column(Types.VARCHAR, field.getLength(), field.isNullable())
                    : javaType == long.class || javaType == Long.class ? new Column(Types.BIGINT, 0, field.isNullable())
                    : null;
            assertNotNull(column, "no expectation for " + javaType + " of " + table.name() + "." + field.getName());
            expected.put(field.getName().toLowerCase(Locale.ROOT), column);
        }
        assertEquals(expected.keySet(), actual.keySet(), table.name() + ": the columns differ");
        for (Map.Entry<String, Column> e : expected.entrySet()) {
            Column want = e.getValue();
            Column got = actual.get(e.getKey());
            String where = table.name() + "." + e.getKey();
            assertEquals(want.type(), got.type(), where + ": JDBC type");
            if (want.type() == Types.VARCHAR) {
                assertEquals(want.size(), got.size(), where + ": length");
            }
            assertEquals(want.nullable(), got.nullable(), where + ": nullability");
        }

        List<String> primaryKey = new ArrayList<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, name)) {
            while (rs.next()) {
                primaryKey.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        List<String> mappedKey = descriptor.getPrimaryKeyFieldNames().stream()
                .map(f -> f.substring(f.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)).toList();
        assertEquals(mappedKey, primaryKey, table.name() + ": primary key");

        Map<String, List<String>> indexes = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, name, false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || column == null) {
                    continue;
                }
                index = index.toLowerCase(Locale.ROOT);
                indexes.computeIfAbsent(index, k -> new ArrayList<>()).add(column.toLowerCase(Locale.ROOT));
                unique.put(index, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        // the primary key's own index, whatever the database calls it
        indexes.entrySet().removeIf(e -> unique.get(e.getKey()) && e.getValue().equals(primaryKey));
        Map<String, List<String>> declared = new TreeMap<>();
        for (Index index : table.indexes()) {
            declared.put(index.name(), Arrays.stream(index.columnList().split(",")).map(String::trim).toList());
        }
        assertEquals(declared, indexes, table.name() + ": indexes");
    }

    private static String identifier(DatabaseMetaData meta, String name) throws SQLException {
        return meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }
}
