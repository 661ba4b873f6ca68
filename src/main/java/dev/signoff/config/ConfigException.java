package dev.signoff.config;

/**
 * A setting that is missing, malformed or inconsistent. The message always names the parameter and what it
 * accepts, and never repeats a secret's value, so that it can be shown as the reason a deployment failed.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ConfigException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    /** The name of the offending parameter, exactly as it is written in {@code web.xml}. */
    public String parameter() {
        return parameter;
    }
}
