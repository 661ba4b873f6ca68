package dev.signoff.store;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Signoff's tables at start: created from the dialect's script ({@code signoff.db.schema=create}, the default: every
 * statement is {@code CREATE ... IF NOT EXISTS}, so running it again changes nothing), then checked against the JPA
 * mapping, so that a missing or mistyped column fails the start with the table's name instead of failing the first
 * login. Runs in the transaction {@link Database} opens for it, apart from the transactions of the token lifecycle.
 * Stateless.
 */
final class SchemaInstaller {

    private SchemaInstaller() {
    }

    /**
     * Runs the script of {@code dialect}, statement by statement, on {@code connection}.
     *
     * @param product the product name, for the message when Signoff has no script for it
     * @throws StoreException naming the statement that failed
     */
    static void install(Connection connection, Dialect dialect, String product) {
        if (!dialect.hasSchemaScript()) {
            throw new StoreException("Signoff has no schema script for " + product + "; create the tables yourself "
                    + "(server-config/sql/ shows them) and set signoff.db.schema=none", null);
        }
        String lock = dialect.schemaLockStatement();
        if (lock != null) {
            try (Statement st = connection.createStatement()) {
                st.execute(lock);
            } catch (SQLException e) {
                throw new StoreException("creating the schema failed at: " + lock + " — " + e.getMessage(), e);
            }
        }
        for (String statement : dialect.schemaScript().split(";")) {
            String sql = statement.replaceAll("(?m)^--.*$", "").trim();
            if (sql.isEmpty()) {
                continue;
            }
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new StoreException("creating the schema failed at: " + sql.lines().findFirst().orElse(sql)
                        + " — " + e.getMessage() + " (set signoff.db.schema=none to manage the schema yourself)", e);
            }
        }
    }

    /**
     * Selects every mapped column of every entity (no row): a missing or mistyped one fails here.
     *
     * @param created whether Signoff created the schema itself (else the message points to {@code server-config/sql/})
     * @throws StoreException naming the table that does not match
     */
    static void check(EntityManager em, boolean created) {
        for (Class<?> entity : SignoffPersistenceUnit.ENTITIES) {
            String name = entity.getAnnotation(Entity.class).name();
            try {
                em.createQuery("SELECT e FROM " + name + " e WHERE 1 = 0").setMaxResults(1).getResultList();
            } catch (RuntimeException e) {
                String table = entity.getAnnotation(Table.class).name();
                throw new StoreException("the table " + table + " is missing or does not match Signoff's mapping: "
                        + Database.rootMessage(e) + (created ? "" : " (apply server-config/sql/ or set signoff.db.schema=create)"), e);
            }
        }
    }
}
