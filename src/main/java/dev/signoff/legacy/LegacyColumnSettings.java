package dev.signoff.legacy;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A token column in the application's own users table that a logout must clear too ({@code signoff.legacy.*}):
 * many older applications keep a refresh token, a "remember me" token or a session key there, and other parts of
 * the application read it.
 *
 * @param schema        {@code signoff.legacy.schema}: the table's schema, or {@code null} for the connection's default
 * @param table         {@code signoff.legacy.table}: the users table
 * @param subjectColumn {@code signoff.legacy.subject-column}: the column matched against the login's subject
 * @param tokenColumn   {@code signoff.legacy.token-column}: the column cleared
 * @param clearToNull   {@code signoff.legacy.cleared-value}: {@code null} sets SQL NULL, {@code empty} (the default) {@code ''}
 */
public record LegacyColumnSettings(String schema, String table, String subjectColumn, String tokenColumn, boolean clearToNull) {

    public static final String SCHEMA = "signoff.legacy.schema";
    public static final String TABLE = "signoff.legacy.table";
    public static final String SUBJECT_COLUMN = "signoff.legacy.subject-column";
    public static final String TOKEN_COLUMN = "signoff.legacy.token-column";
    public static final String CLEARED_VALUE = "signoff.legacy.cleared-value";

    /** Every context-param read here. */
    public static final List<String> NAMES = List.of(SCHEMA, TABLE, SUBJECT_COLUMN, TOKEN_COLUMN, CLEARED_VALUE);

    /** A plain SQL identifier: what every database takes quoted or not, and nothing that could end a statement. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /**
     * The settings, or {@code null} when {@code signoff.legacy.table} is not set (and neither is any other of them).
     *
     * @throws ConfigException naming the parameter that is missing or not a plain identifier
     */
    public static LegacyColumnSettings parse(Params params) {
        String table = params.string(TABLE, null);
        if (table == null) {
            for (String name : NAMES) {
                if (params.string(name, null) != null) {
                    throw new ConfigException(TABLE, "is required with " + name + ": name the users table whose column a logout clears");
                }
            }
            return null;
        }
        String schema = params.string(SCHEMA, null);
        return new LegacyColumnSettings(
                schema == null ? null : identifier(SCHEMA, schema),
                identifier(TABLE, table),
                identifier(SUBJECT_COLUMN, params.required(SUBJECT_COLUMN, "the column holding the user name")),
                identifier(TOKEN_COLUMN, params.required(TOKEN_COLUMN, "the column a logout clears")),
                "null".equals(params.oneOf(CLEARED_VALUE, "empty", List.of("empty", "null"))));
    }

    private static String identifier(String parameter, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new ConfigException(parameter, "expected a plain SQL identifier (a letter or _, then letters, digits or _; "
                    + "at most 63 characters) but was '" + value + "'");
        }
        return value;
    }
}
