package dev.signoff.config;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;

/**
 * Where raw setting values come from: the init-params of one filter or servlet, falling back to the
 * context-params of the web application. Blank values count as absent. Unknown names under Signoff's own
 * prefix are reported, so that a misspelt parameter fails the deployment instead of being ignored.
 *
 * <p>A source made from a {@link ServletContext} (a filter's or servlet's config, or
 * {@link #of(String, Map, ServletContext)}) also records, in the context attribute {@value #ACCEPTED_NAMES}, the
 * init-param names each component declares in {@link #rejectUnknown}: the union of the names the application's
 * Signoff components accept, which lets the executable war refuse a bare {@code --set NAME=VALUE} that none of them
 * reads (a bare context-param is otherwise ignored silently, as any application's own context-params must be).
 *
 * <p>Instances are immutable snapshots taken at {@code init()}; they are thread-safe.
 */
public final class ConfigSource {

    /**
     * The servlet context attribute holding a {@code Set<String>} (sorted, thread-safe) of every init-param name
     * accepted by a Signoff component of the application that has checked its params so far.
     */
    public static final String ACCEPTED_NAMES = "dev.signoff.config.accepted-init-params";

    /** A suggestion is made only for a name at most this many edits (or a third of its length) away. */
    private static final int MAX_SUGGESTION_DISTANCE = 2;

    private final String owner;
    private final Map<String, String> own;
    private final Map<String, String> context;
    private final ServletContext servletContext;

    private ConfigSource(String owner, Map<String, String> own, Map<String, String> context, ServletContext servletContext) {
        this.owner = owner;
        this.own = Collections.unmodifiableMap(new LinkedHashMap<>(own));
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        this.servletContext = servletContext;
    }

    /**
     * @param owner   what the params belong to, for messages (a filter or servlet name, or "context")
     * @param own     the component's init-params
     * @param context the web application's context-params
     */
    public static ConfigSource of(String owner, Map<String, String> own, Map<String, String> context) {
        return new ConfigSource(owner, own, context, null);
    }

    /**
     * The init-params {@code own} of a component over the context-params of {@code context}; the names the
     * component accepts are recorded in {@code context} ({@value #ACCEPTED_NAMES}).
     */
    public static ConfigSource of(String owner, Map<String, String> own, ServletContext context) {
        return new ConfigSource(owner, own, contextParams(context), context);
    }

    /** The init-params of a servlet over the context-params of its application. */
    public static ConfigSource of(ServletConfig config) {
        return of("servlet " + config.getServletName(), snapshot(config.getInitParameterNames(), config::getInitParameter),
                config.getServletContext());
    }

    /** The init-params of a filter over the context-params of its application. */
    public static ConfigSource of(FilterConfig config) {
        return of("filter " + config.getFilterName(), snapshot(config.getInitParameterNames(), config::getInitParameter),
                config.getServletContext());
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
     * that is not in {@code knownContext}. The message lists the accepted names once, after a "did you mean"
     * for the nearest one when a name is a likely misspelling. A source made from a {@link ServletContext} first
     * records {@code known} there ({@value #ACCEPTED_NAMES}).
     */
    public void rejectUnknown(Set<String> known, String contextPrefix, Set<String> knownContext) {
        recordAccepted(known);
        for (String name : own.keySet()) {
            if (!known.contains(name)) {
                throw new ConfigException(name, "unknown parameter of " + owner + unknownSuffix(name, known));
            }
        }
        if (contextPrefix != null) {
            for (String name : context.keySet()) {
                if (name.startsWith(contextPrefix) && !knownContext.contains(name)) {
                    throw new ConfigException(name, "unknown context-param" + unknownSuffix(name, knownContext));
                }
            }
        }
    }

    /**
     * {@code " (did you mean NEAREST?); accepted: [A, B]"} for an unknown {@code name}, without the "did you mean"
     * when no accepted name is close; {@code "; accepted: none"} when nothing is accepted.
     */
    public static String unknownSuffix(String name, Set<String> accepted) {
        if (accepted.isEmpty()) {
            return "; accepted: none";
        }
        String nearest = nearest(name, accepted);
        return (nearest == null ? "" : " (did you mean " + nearest + "?)") + "; accepted: " + new TreeSet<>(accepted);
    }

    /**
     * The candidate closest to {@code name} by edit distance (insertions, deletions, substitutions and swaps of
     * two neighbours, ignoring case), if it is at most 2 edits or a third of the name's length away; ties go to
     * the alphabetically first. {@code null} when none is close enough.
     */
    public static String nearest(String name, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(candidates)) {
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int bound = Math.max(MAX_SUGGESTION_DISTANCE, name.length() / 3);
        return bestDistance <= bound ? best : null;
    }

    /** The optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    @SuppressWarnings("unchecked")
    private void recordAccepted(Set<String> known) {
        if (servletContext == null || known.isEmpty()) {
            return;
        }
        Set<String> accepted;
        synchronized (ConfigSource.class) {
            Object existing = servletContext.getAttribute(ACCEPTED_NAMES);
            if (existing instanceof Set<?>) {
                accepted = (Set<String>) existing;
            } else {
                accepted = new ConcurrentSkipListSet<>();
                servletContext.setAttribute(ACCEPTED_NAMES, accepted);
            }
        }
        accepted.addAll(known);
    }
}
