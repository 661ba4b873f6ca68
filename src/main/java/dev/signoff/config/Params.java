package dev.signoff.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reading of one {@link ConfigSource}. Every method either returns a valid value (or the documented
 * default) or throws a {@link ConfigException} that names the parameter and what it accepts.
 *
 * <p>Durations are written {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 14d} or as ISO-8601
 * ({@code PT15M}). Lists are comma separated. Secrets are given by exactly one of {@code NAME} (the value),
 * {@code NAME-env} (the name of an environment variable) or {@code NAME-file} (a file whose content, trimmed,
 * is the secret).
 */
public final class Params {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigSource source;
    private final Function<String, String> environment;

    public Params(ConfigSource source) {
        this(source, System::getenv);
    }

    Params(ConfigSource source, Function<String, String> environment) {
        this.source = source;
        this.environment = environment;
    }

    public ConfigSource source() {
        return source;
    }

    public String string(String name, String defaultValue) {
        String value = source.get(name);
        return value == null ? defaultValue : value;
    }

    /**
     * One role name (no space, no comma), trimmed, or {@code defaultValue} (which may be {@code null}) when the
     * parameter is absent.
     */
    public String role(String name, String defaultValue) {
        String value = source.get(name);
        if (value == null) {
            return defaultValue;
        }
        String role = value.trim();
        if (!role.matches("[^\\s,]+")) {
            throw new ConfigException(name, "expected one role name, without spaces or commas, but was '" + value + "'");
        }
        return role;
    }

    public String required(String name, String accepts) {
        String value = source.get(name);
        if (value == null) {
            throw new ConfigException(name, "is required; expected " + accepts);
        }
        return value;
    }

    public boolean bool(String name, boolean defaultValue) {
        String value = source.get(name);
        if (value == null) {
            return defaultValue;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigException(name, "expected true or false but was '" + value + "'");
        }
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = source.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "expected a whole number from " + min + " to " + max + " but was '" + value + "'");
        }
    }

    /** An HTTP status code from 100 to 599. */
    public int status(String name, int defaultValue) {
        return integer(name, defaultValue, 100, 599);
    }

    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        String value = source.get(name);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value);
        String accepts = "a duration from " + format(min) + " to " + format(max)
                + " such as 500ms, 30s, 15m, 12h, 14d or PT15M";
        if (parsed == null) {
            throw new ConfigException(name, "expected " + accepts + " but was '" + value + "'");
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new ConfigException(name, "expected " + accepts + " but was " + format(parsed));
        }
        return parsed;
    }

    /** One of {@code accepted} (compared ignoring case), returned as spelt in {@code accepted}. */
    public String oneOf(String name, String defaultValue, List<String> accepted) {
        String value = source.get(name);
        if (value == null) {
            return defaultValue;
        }
        for (String candidate : accepted) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new ConfigException(name, "expected one of " + accepted + " but was '" + value + "'");
    }

    /** A comma-separated list; with {@code accepted} non-empty every element must be one of them. Duplicates fail. */
    public List<String> list(String name, List<String> defaultValue, List<String> accepted) {
        String value = source.get(name);
        if (value == null) {
            return defaultValue;
        }
        Set<String> result = new LinkedHashSet<>();
        for (String raw : value.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            String canonical = item;
            if (!accepted.isEmpty()) {
                canonical = accepted.stream().filter(item::equalsIgnoreCase).findFirst().orElseThrow(() ->
                        new ConfigException(name, "expected a comma-separated list of " + accepted + " but found '" + item + "'"));
            }
            if (!result.add(canonical)) {
                throw new ConfigException(name, "lists '" + item + "' twice");
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(result));
    }

    /** A JSON document (for configured response bodies), validated here and kept as compact text. */
    public String json(String name, String defaultValue) {
        String value = source.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(value));
        } catch (JsonProcessingException e) {
            throw new ConfigException(name, "expected a JSON document (such as {\"message\":\"Logged out\"} or true) but it does not parse: "
                    + e.getOriginalMessage());
        }
    }

    /**
     * A secret from {@code name}, {@code name-env} or {@code name-file}; {@code null} when none is set. Setting
     * more than one, naming an unset variable or an unreadable file fails. The secret itself is never in a message.
     */
    public String secret(String name) {
        String literal = source.get(name);
        String env = source.get(name + "-env");
        String file = source.get(name + "-file");
        long given = Arrays.asList(literal, env, file).stream().filter(v -> v != null).count();
        if (given > 1) {
            throw new ConfigException(name, "set only one of " + name + ", " + name + "-env and " + name + "-file");
        }
        if (env != null) {
            String value = environment.apply(env);
            if (value == null || value.isBlank()) {
                throw new ConfigException(name + "-env", "names the environment variable '" + env + "', which is not set or empty");
            }
            return value.trim();
        }
        if (file != null) {
            try {
                String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
                if (value.isEmpty()) {
                    throw new ConfigException(name + "-file", "the file '" + file + "' is empty");
                }
                return value;
            } catch (IOException | RuntimeException e) {
                if (e instanceof ConfigException) {
                    throw (ConfigException) e;
                }
                throw new ConfigException(name + "-file", "cannot read the file '" + file + "': " + e.getClass().getSimpleName());
            }
        }
        return literal;
    }

    /** The names {@link #secret(String)} reads for {@code name}. */
    public static List<String> secretNames(String name) {
        return List.of(name, name + "-env", name + "-file");
    }

    /** Parses {@code 30s}-style or ISO-8601 durations; {@code null} if malformed. */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(value);
        if (m.matches()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            Map<String, Function<Long, Duration>> units = Map.of(
                    "ms", Duration::ofMillis, "s", Duration::ofSeconds, "m", Duration::ofMinutes,
                    "h", Duration::ofHours, "d", Duration::ofDays);
            try {
                return units.get(m.group(2)).apply(amount);
            } catch (ArithmeticException e) {
                return null;
            }
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms != 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms != 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms != 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
