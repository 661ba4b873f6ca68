package dev.signoff.legacy;

import dev.signoff.config.ConfigException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Clears the application's own token column for a user whose login ended, in the transaction that records the
 * logout: either both are committed or neither is. The statement is built once, at start, from names checked
 * against the database's own catalogue (JDBC metadata) and quoted with the database's identifier quote; the only
 * value in it is a bound parameter. Immutable and thread-safe.
 */
public final class LegacyColumn {

    private final String update;
    private final boolean clearToNull;

    private LegacyColumn(String update, boolean clearToNull) {
        this.update = update;
        this.clearToNull = clearToNull;
    }

    /**
     * Finds the table and its two columns, as the database spells them (unquoted names are stored upper case by
     * H2, lower case by PostgreSQL), and builds the statement.
     *
     * @throws ConfigException naming {@code signoff.legacy.table}, {@code -subject-column} or {@code -token-column}
     *                         when the database has no such table or column
     * @throws SQLException    when the database cannot be asked
     */
    public static LegacyColumn bind(LegacyColumnSettings settings, Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String[] table = findTable(meta, settings);
        if (table == null) {
            throw new ConfigException(LegacyColumnSettings.TABLE, "the database has no table '" + settings.table() + "'"
                    + (settings.schema() == null ? "" : " in schema '" + settings.schema() + "'"));
        }
        String subject = findColumn(meta, table, settings.subjectColumn(), LegacyColumnSettings.SUBJECT_COLUMN);
        String token = findColumn(meta, table, settings.tokenColumn(), LegacyColumnSettings.TOKEN_COLUMN);
        String quote = meta.getIdentifierQuoteString();
        quote = quote == null || quote.isBlank() ? "\"" : quote.strip();
        String qualified = (settings.schema() == null ? "" : quote + table[0] + quote + ".") + quote + table[1] + quote;
        String update = "UPDATE " + qualified + " SET " + quote + token + quote + " = " + (settings.clearToNull() ? "NULL" : "?")
                + " WHERE " + quote + subject + quote + " = ?";
        return new LegacyColumn(update, settings.clearToNull());
    }

    /** The statement, for logs and tests: it holds names only, never a value. */
    public String statement() {
        return update;
    }

    /**
     * Clears the column of {@code subject}'s rows, within the caller's transaction.
     *
     * @return the rows changed
     */
    public int clear(EntityManager em, String subject) {
        Query query = em.createNativeQuery(update);
        int position = 1;
        if (!clearToNull) {
            query.setParameter(position++, "");
        }
        query.setParameter(position, subject);
        return query.executeUpdate();
    }

    /** The schema or catalog holding the table, and the table's name, as stored; matched ignoring case. */
    private static String[] findTable(DatabaseMetaData meta, LegacyColumnSettings settings) throws SQLException {
        try (ResultSet tables = meta.getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
            String[] found = null;
            while (tables.next()) {
                String schema = tables.getString("TABLE_SCHEM");
                String catalog = tables.getString("TABLE_CAT");
                String name = tables.getString("TABLE_NAME");
                if (!name.equalsIgnoreCase(settings.table())) {
                    continue;
                }
                // MariaDB reports databases as catalogs; PostgreSQL and H2 as schemas
                String container = schema != null ? schema : catalog;
                if (settings.schema() == null ? isDefault(meta, schema, catalog) : settings.schema().equalsIgnoreCase(container)) {
                    found = new String[] {container, name};
                    break;
                }
            }
            return found;
        }
    }

    private static boolean isDefault(DatabaseMetaData meta, String schema, String catalog) throws SQLException {
        Connection connection = meta.getConnection();
        if (schema == null) {
            return catalog == null || catalog.equalsIgnoreCase(connection.getCatalog());
        }
        String current = connection.getSchema();
        return current == null || schema.equalsIgnoreCase(current);
    }

    private static String findColumn(DatabaseMetaData meta, String[] table, String column, String parameter) throws SQLException {
        try (ResultSet columns = meta.getColumns(null, null, table[1], "%")) {
            while (columns.next()) {
                String schema = columns.getString("TABLE_SCHEM");
                String container = schema != null ? schema : columns.getString("TABLE_CAT");
                String name = columns.getString("COLUMN_NAME");
                if (name.equalsIgnoreCase(column) && (container == null || container.equals(table[0]))) {
                    return name;
                }
            }
        }
        throw new ConfigException(parameter, "the table '" + table[1] + "' has no column '" + column.toLowerCase(Locale.ROOT) + "'");
    }
}
