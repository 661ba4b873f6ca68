package dev.signoff.launcher;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the server did not start, in one line that names the cause and, where the launcher can tell, the remedy:
 * a port already in use, the default H2 file held by another instance, a JDBC URL no packaged driver takes, a
 * database that does not answer; otherwise the web application's own account of its failure ("configuration
 * error: ..." or "cannot start: ..."), else the message of the root cause.
 *
 * <p>A JDBC URL is shown without its user information and parameters, where passwords may be written.
 */
final class StartFailure {

    /** How the web application's own start-up failures begin; the rest says what failed, naming the parameter. */
    private static final String WEBAPP_FAILURE_PREFIX = "Signoff ";
    /** H2's words for a database file opened by another process (MVStoreException, and the JdbcSQLException over it). */
    private static final Pattern H2_LOCKED = Pattern.compile("The file is locked: (\\S+?)(?: \\[|\"|$)");
    /** DriverManager's words when no registered driver accepts a URL. */
    private static final String NO_DRIVER = "No suitable driver found";

    private StartFailure() {
    }

    static String describe(Throwable failure, LauncherOptions options) {
        for (Throwable t : chain(failure)) {
            if (t instanceof BindException) {
                return "cannot listen on " + options.host() + ":" + options.port()
                        + (options.https() == null ? "" : " (HTTPS: " + options.https().port() + ")") + ": " + t.getMessage();
            }
        }
        String database = database(options);
        for (Throwable t : chain(failure)) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            Matcher locked = H2_LOCKED.matcher(message);
            if (locked.find()) {
                return "the H2 database file " + locked.group(1) + " is in use by another Signoff instance (an H2 file"
                        + " opens in one process at a time): stop that instance, or give this one another database with"
                        + " --db (such as --db jdbc:h2:./signoff-2)";
            }
            if (message.startsWith(NO_DRIVER)) {
                return "no JDBC driver in the war takes " + database + ": check the URL given with --db (the war packages"
                        + " the drivers for jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: and jdbc:mysql:)";
            }
        }
        for (Throwable t : chain(failure)) {
            String why = t instanceof ConnectException ? "connection refused"
                    : t instanceof NoRouteToHostException ? "no route to host"
                    : t instanceof UnknownHostException ? "unknown host"
                    : t instanceof SocketTimeoutException ? "timed out" : null;
            if (why != null) {
                return "the database at " + database + " does not answer (" + why + "): start it, or check the host and"
                        + " port given with --db";
            }
        }
        for (Throwable t : chain(failure)) {
            String message = t.getMessage();
            if (message != null && message.startsWith(WEBAPP_FAILURE_PREFIX)) {
                return message.substring(WEBAPP_FAILURE_PREFIX.length());
            }
        }
        Throwable root = failure;
        String message = null;
        for (Throwable t : chain(failure)) {
            root = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (root.getMessage() != null && !root.getMessage().isBlank()) {
            message = root.getMessage();
        }
        return message == null ? root.getClass().getName() : message;
    }

    /** The {@code --db} URL as it may be shown, or "the configured database" without {@code --db}. */
    static String database(LauncherOptions options) {
        String url = options.contextParams().get(LauncherOptions.DB_URL_PARAM);
        return url == null ? "the configured database" : shownUrl(url);
    }

    /**
     * {@code url} without what may hold a password: everything from the first {@code ?} or {@code ;} (query
     * parameters; H2's settings), and user information before an {@code @} after {@code //}.
     */
    static String shownUrl(String url) {
        String shown = url;
        int cut = indexOfAny(shown, '?', ';');
        if (cut >= 0) {
            shown = shown.substring(0, cut);
        }
        int authority = shown.indexOf("//");
        if (authority >= 0) {
            int end = indexOfAny(shown.substring(authority + 2), '/');
            String host = end < 0 ? shown.substring(authority + 2) : shown.substring(authority + 2, authority + 2 + end);
            int at = host.lastIndexOf('@');
            if (at >= 0) {
                shown = shown.substring(0, authority + 2) + shown.substring(authority + 2 + at + 1);
            }
        }
        return shown;
    }

    private static int indexOfAny(String text, char... chars) {
        int first = -1;
        for (char c : chars) {
            int i = text.indexOf(c);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }

    /** {@code failure} and its causes, each once, root last. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
