package dev.signoff.launcher;

/**
 * Levels for Jetty's own logger (jetty-slf4j-impl), set as system properties before the first logger exists. A value
 * already given with {@code -D} on the command line wins, so {@code -Dorg.eclipse.jetty.LEVEL=DEBUG} still works.
 *
 * <p>By default {@code org.eclipse.jetty} logs at WARN, one line per event without stack traces, and the web
 * application context at ERROR (its "Failed startup of context" warning would repeat the failure {@link Main}
 * reports); with {@code --verbose} everything of Jetty's at INFO with stack traces.
 */
final class JettyLogging {

    private static final String JETTY_LEVEL = "org.eclipse.jetty.LEVEL";
    /** Its only WARN that matters at start-up repeats the failure that {@link Main} reports in one line. */
    private static final String WEBAPP_LEVEL = "org.eclipse.jetty.ee10.webapp.WebAppContext.LEVEL";
    /** {@code true} hides stack traces (jetty-slf4j-impl's naming). */
    private static final String JETTY_HIDE_STACKS = "org.eclipse.jetty.STACKS";

    private JettyLogging() {
    }

    static void configure(boolean verbose) {
        setIfAbsent(JETTY_LEVEL, verbose ? "INFO" : "WARN");
        setIfAbsent(JETTY_HIDE_STACKS, verbose ? "false" : "true");
        if (!verbose) {
            setIfAbsent(WEBAPP_LEVEL, "ERROR");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
