package dev.signoff.launcher;

/**
 * A command line that cannot be run: an unknown option, a missing or malformed value. The message is one line that
 * names the option and never repeats a password or a {@code --set} value.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean usageHint;

    public UsageException(String message) {
        this(message, true);
    }

    /** @param usageHint whether pointing at {@code --help} helps (not when the message already lists the choices) */
    public UsageException(String message, boolean usageHint) {
        super(message);
        this.usageHint = usageHint;
    }

    public boolean usageHint() {
        return usageHint;
    }
}
