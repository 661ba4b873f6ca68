package dev.signoff.config;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Where raw setting values come from: the init-params of one filter or servlet, falling back to the
 * context-params of the web application. Blank values count as absent. Unknown names under Signoff's own
 * prefix are reported, so that a misspelt parameter fails the deployment instead of being ignored.
 *
 * <p>Instances are immutable snapshots taken at {@code init()}; they are thread-safe.
 */
public final class ConfigSource {

    private final String owner;
    private final Map<String, String> own;
    private final Map<String, String> context;

    private ConfigSource(String owner, Map<String, String> own, Map<String, String> context) {
        this.owner = owner;
        this.own = Collections.unmodifiableMap(new LinkedHashMap<>(own));
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /**
     * @param owner   what the params belong to, for messages (a filter or servlet name, or "context")
     * @param own     the component's init-params
     * @param context the web application's context-params
     */
    public static ConfigSource of(String owner, Map<String, String> own, Map<String, String> context) {
        return new ConfigSource(owner, own, context);
    }

    /** The init-params of a servlet over the context-params of its application. */
    public static ConfigSource of(ServletConfig config) {
        return of("servlet " + config.getServletName(), snapshot(config.getInitParameterNames(), config::getInitParameter),
                contextParams(config.getServletContext()));
    }

    /** The init-params of a filter over the context-params of its application. */
    public static ConfigSource of(FilterConfig config) {
        return of("filter " + config.getFilterName(), snapshot(config.getInitParameterNames(), config::getInitParameter),
                contextParams(config.getServletContext()));
    }

    /** The context-params of an application. */
    public static Map<String, String> contextParams(ServletContext context) {
        return snapshot(context.getInitParameterNames(), context::getInitParameter);
    }

    /** Snapshots an {@link Enumeration}-style parameter API such as {@code FilterConfig} or {@code ServletContext}. */
    public static Map<String, String> snapshot(Enumeration<String> names, Function<String, String> value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : Collections.list(names)) {
            map.put(name, value.apply(name));
        }
        return map;
    }

    /** The value of an init-param, else the context-param of the same name, trimmed; {@code null} when absent or blank. */
    public String get(String name) {
        String value = own.get(name);
        if (value == null || value.isBlank()) {
            value = context.get(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Whether the parameter was written at all (even blank), as an init-param or a context-param. */
    public boolean isSet(String name) {
        return own.containsKey(name) || context.containsKey(name);
    }

    public String owner() {
        return owner;
    }

    /**
     * Fails on any init-param not in {@code known}, and on any context-param starting with {@code contextPrefix}
     * that is not in {@code knownContext}.
     */
    public void rejectUnknown(Set<String> known, String contextPrefix, Set<String> knownContext) {
        for (String name : own.keySet()) {
            if (!known.contains(name)) {
                throw new ConfigException(name, "unknown parameter of " + owner + "; accepted: " + new TreeSet<>(known));
            }
        }
        if (contextPrefix != null) {
            for (String name : context.keySet()) {
                if (name.startsWith(contextPrefix) && !knownContext.contains(name)) {
                    throw new ConfigException(name, "unknown context-param; accepted: " + new TreeSet<>(knownContext));
                }
            }
        }
    }
}
