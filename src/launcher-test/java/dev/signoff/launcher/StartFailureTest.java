package dev.signoff.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartFailureTest {

    private static LauncherOptions options(String db) {
        return new LauncherOptions(8080, "127.0.0.1", List.of(), db == null ? Map.of() : Map.of(LauncherOptions.DB_URL_PARAM, db),
                null, null, false, false, false);
    }

    private static Throwable deployment(Throwable cause) {
        return new IllegalStateException("Signoff cannot start: database unavailable: " + cause.getMessage(),
                new RuntimeException("wrapped", cause));
    }

    @Test
    void aLockedH2FileNamesTheFileTheOtherInstanceAndTheRemedy() {
        Throwable locked = deployment(new SQLException("General error: \"org.h2.mvstore.MVStoreException: The file is locked: "
                + "/home/u/.signoff/signoff.mv.db [2.5.252/7]\" [50000-252]"));
        String line = StartFailure.describe(locked, options(null));
        assertTrue(line.startsWith("the H2 database file /home/u/.signoff/signoff.mv.db is in use by another Signoff instance"), line);
        assertTrue(line.contains("--db"), line);
    }

    @Test
    void aUrlNoDriverTakesAndADatabaseThatDoesNotAnswer() {
        String noDriver = StartFailure.describe(deployment(new SQLException("No suitable driver found for jdbc:nosuch:x")),
                options("jdbc:nosuch:x"));
        assertTrue(noDriver.startsWith("no JDBC driver in the war takes jdbc:nosuch:x: check the URL given with --db"), noDriver);
        String refused = StartFailure.describe(deployment(new SQLException("Connection refused", new ConnectException("Connection refused"))),
                options("jdbc:postgresql://127.0.0.1:1/x?password=secret"));
        assertEquals("the database at jdbc:postgresql://127.0.0.1:1/x does not answer (connection refused): start it, or check the"
                + " host and port given with --db", refused);
    }

    @Test
    void theWebApplicationsOwnAccountElseTheRootCause() {
        assertEquals("configuration error: signoff.secret: too short",
                StartFailure.describe(new RuntimeException("x", new IllegalStateException("Signoff configuration error: signoff.secret: too short")),
                        options(null)));
        assertEquals("disk full", StartFailure.describe(new RuntimeException("outer", new java.io.IOException("disk full")), options(null)));
        assertTrue(StartFailure.describe(new RuntimeException(new BindException("Address already in use")), options(null))
                .startsWith("cannot listen on 127.0.0.1:8080: Address already in use"));
    }

    @Test
    void aShownUrlLeavesOutWhatMayHoldAPassword() {
        assertEquals("jdbc:postgresql://db:5432/app", StartFailure.shownUrl("jdbc:postgresql://db:5432/app?user=a&password=b"));
        assertEquals("jdbc:mysql://db/app", StartFailure.shownUrl("jdbc:mysql://user:pw@db/app"));
        assertEquals("jdbc:h2:./signoff", StartFailure.shownUrl("jdbc:h2:./signoff;PASSWORD=x"));
    }
}
