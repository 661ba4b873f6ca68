package dev.signoff.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The console log of {@code java.util.logging}, where Signoff ({@code System.Logger}) and EclipseLink write.
 *
 * <p>With {@code --debug} the loggers under {@value #SIGNOFF_LOGGER} log at FINE (System.Logger's DEBUG) and the
 * console handlers let FINE through: the reason for each refused credential appears, one record per refusal.
 *
 * <p>While the server starts, SEVERE records are held back: when the start fails, the launcher reports the failure
 * in one line and they are dropped (a database that cannot be opened is otherwise 60 to 110 lines of EclipseLink
 * stack trace, and Signoff's listener repeats the launcher's line); when it succeeds they are printed as they
 * would have been. With {@code --verbose} nothing is held back. Records below SEVERE are never held.
 *
 * <p>Thread-safe.
 */
final class ConsoleLogging {

    static final String SIGNOFF_LOGGER = "dev.signoff";

    /** Held so that the level set here is not lost when the logger would otherwise be garbage collected. */
    private static Logger signoff;

    private final List<Handler> handlers;
    private final List<HeldRecord> held = new ArrayList<>();
    private boolean holding;

    private record HeldRecord(Handler handler, LogRecord record) {
    }

    private ConsoleLogging(List<Handler> handlers, boolean holding) {
        this.handlers = handlers;
        this.holding = holding;
    }

    /** Configures the root logger's handlers; call before the web application starts. */
    static ConsoleLogging configure(boolean verbose, boolean debug) {
        Logger root = Logger.getLogger("");
        List<Handler> handlers = List.of(root.getHandlers());
        if (debug) {
            signoff = Logger.getLogger(SIGNOFF_LOGGER);
            signoff.setLevel(Level.FINE);
            for (Handler handler : handlers) {
                if (handler.getLevel().intValue() > Level.FINE.intValue()) {
                    handler.setLevel(Level.FINE);
                }
            }
        }
        ConsoleLogging logging = new ConsoleLogging(handlers, !verbose);
        for (Handler handler : handlers) {
            Filter previous = handler.getFilter();
            handler.setFilter(record -> (previous == null || previous.isLoggable(record)) && !logging.hold(handler, record));
        }
        return logging;
    }

    private synchronized boolean hold(Handler handler, LogRecord record) {
        if (!holding || record.getLevel().intValue() < Level.SEVERE.intValue()) {
            return false;
        }
        held.add(new HeldRecord(handler, record));
        return true;
    }

    /** The start succeeded: prints what was held back, and holds nothing from now on. */
    void started() {
        List<HeldRecord> records;
        synchronized (this) {
            holding = false;
            records = List.copyOf(held);
            held.clear();
        }
        for (HeldRecord record : records) {
            record.handler().publish(record.record());
        }
    }

    /** The start failed and has been reported in one line: drops what was held back, and holds nothing from now on. */
    synchronized void failed() {
        holding = false;
        held.clear();
    }
}
