package dev.signoff.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The launcher's command line, parsed once into an immutable value. Every option takes its value as the next argument
 * or after {@code =} ({@code --port 9090} or {@code --port=9090}).
 *
 * @param port          TCP port; 0 lets the operating system pick a free one
 * @param host          address the connector binds to
 * @param users         users of the embedded realm; empty means "generate a demo user"
 * @param contextParams context-params that override the war's {@code web.xml}, in command-line order
 *                      ({@code --db} included as {@value #DB_URL_PARAM})
 * @param contract      name of the alternative descriptor {@code WEB-INF/contracts/NAME.xml}, or {@code null}
 * @param https         a second, HTTPS connector, or {@code null}
 * @param verbose       Jetty logs at INFO and failures print their stack trace
 * @param debug         Signoff's own log ({@code dev.signoff}) at DEBUG on the console: the reason for each refusal
 * @param help          print the usage and exit
 */
public record LauncherOptions(int port, String host, List<User> users, Map<String, String> contextParams,
                              String contract, Https https, boolean verbose, boolean debug, boolean help) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_ROLE = "user";
    /** The context-param that {@code --db} sets. */
    public static final String DB_URL_PARAM = "signoff.db.url";
    /** Names with this prefix are Signoff's context-params; any other {@code --set} name is a component's init-param. */
    public static final String CONTEXT_PARAM_PREFIX = "signoff.";

    private static final Pattern CONTRACT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern PARAM_NAME = Pattern.compile("[^\\s<>&\"']+");
    private static final Pattern USER_NAME = Pattern.compile("[^\\s:]+");

    public LauncherOptions {
        users = List.copyOf(users);
        contextParams = Collections.unmodifiableMap(new LinkedHashMap<>(contextParams));
    }

    /**
     * One user of the realm. {@link #toString()} leaves the password out.
     *
     * @param roles never empty; {@value LauncherOptions#DEFAULT_ROLE} when none was given
     */
    public record User(String name, String password, List<String> roles) {

        public User {
            roles = List.copyOf(roles);
        }

        @Override
        public String toString() {
            return "User[name=" + name + ", roles=" + roles + "]";
        }
    }

    /**
     * The HTTPS connector: {@code --https-port}, {@code --keystore} and {@code --keystore-password-env}, all three
     * given together. The password itself never appears on the command line.
     *
     * @param port        TCP port; 0 lets the operating system pick a free one
     * @param keystore    a PKCS12 key store holding the server's private key and certificate chain
     * @param passwordEnv the name of the environment variable holding the key store's password
     */
    public record Https(int port, String keystore, String passwordEnv) {
    }

    /** Parses {@code args}; {@code --help} anywhere wins over every other option, valid or not. */
    public static LauncherOptions parse(String[] args) throws UsageException {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return new LauncherOptions(DEFAULT_PORT, DEFAULT_HOST, List.of(), Map.of(), null, null, false, false, true);
            }
        }
        int port = DEFAULT_PORT;
        String host = DEFAULT_HOST;
        List<User> users = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        String contract = null;
        Integer httpsPort = null;
        String keystore = null;
        String keystorePasswordEnv = null;
        boolean verbose = false;
        boolean debug = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (option) {
                case "--verbose", "--debug" -> {
                    if (inline != null) {
                        throw new UsageException(option + " takes no value");
                    }
                    if (option.equals("--verbose")) {
                        verbose = true;
                    } else {
                        debug = true;
                    }
                }
                case "--port", "--host", "--user", "--db", "--set", "--contract", "--https-port", "--keystore",
                        "--keystore-password-env" -> {
                    String value;
                    if (inline != null) {
                        value = inline;
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageException(option + " needs a value");
                    }
                    switch (option) {
                        case "--port" -> port = parsePort(option, value);
                        case "--host" -> host = parseHost(value);
                        case "--user" -> addUser(users, parseUser(value));
                        case "--db" -> putParam(params, DB_URL_PARAM, parseDbUrl(value), "--db");
                        case "--set" -> parseSet(params, value);
                        case "--https-port" -> httpsPort = parsePort(option, value);
                        case "--keystore" -> keystore = parseNonBlank(option, value, "a PKCS12 key store file");
                        case "--keystore-password-env" -> keystorePasswordEnv = parseNonBlank(option, value,
                                "the name of an environment variable");
                        default -> contract = parseContract(value);
                    }
                }
                default -> throw new UsageException((arg.startsWith("-") ? "unknown option '" : "unexpected argument '")
                        + option + "'");
            }
        }
        return new LauncherOptions(port, host, users, params, contract, https(httpsPort, keystore, keystorePasswordEnv), verbose,
                debug, false);
    }

    private static Https https(Integer port, String keystore, String passwordEnv) throws UsageException {
        if (port == null && keystore == null && passwordEnv == null) {
            return null;
        }
        if (port == null || keystore == null || passwordEnv == null) {
            throw new UsageException("HTTPS needs --https-port, --keystore and --keystore-password-env together; missing "
                    + (port == null ? "--https-port" : keystore == null ? "--keystore" : "--keystore-password-env"));
        }
        return new Https(port, keystore, passwordEnv);
    }

    private static String parseNonBlank(String option, String value, String expected) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + ": expected " + expected);
        }
        return value.trim();
    }

    static int parsePort(String option, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + ": expected a number from 0 to 65535 but was '" + value + "'");
    }

    static String parseHost(String value) throws UsageException {
        String host = value.trim();
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new UsageException("--host: expected an address such as 127.0.0.1, ::1 or 0.0.0.0 but was '" + value + "'");
        }
        return host;
    }

    /**
     * {@code NAME:PASSWORD[:ROLE,ROLE...]}: the name ends at the first colon; with two or more colons the roles start
     * after the last one, so a password may contain colons when the roles are written out ({@code alice:a:b:user}).
     */
    static User parseUser(String value) throws UsageException {
        String expected = "--user: expected NAME:PASSWORD[:ROLE,ROLE...]";
        int first = value.indexOf(':');
        if (first < 0) {
            throw new UsageException(expected + " (no ':' after the name)");
        }
        if (first == 0) {
            throw new UsageException(expected + " (no name before the first ':')");
        }
        String name = value.substring(0, first);
        if (!USER_NAME.matcher(name).matches()) {
            throw new UsageException(expected + " (the name '" + name + "' contains whitespace)");
        }
        String rest = value.substring(first + 1);
        int last = rest.lastIndexOf(':');
        String password = last < 0 ? rest : rest.substring(0, last);
        List<String> roles = new ArrayList<>();
        if (last >= 0) {
            for (String role : rest.substring(last + 1).split(",", -1)) {
                String trimmed = role.trim();
                if (trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isWhitespace)) {
                    throw new UsageException(expected + " (user '" + name + "' has an empty or blank role)");
                }
                roles.add(trimmed);
            }
        } else {
            roles.add(DEFAULT_ROLE);
        }
        if (password.isEmpty()) {
            throw new UsageException(expected + " (user '" + name + "' has an empty password)");
        }
        return new User(name, password, roles);
    }

    private static void addUser(List<User> users, User user) throws UsageException {
        for (User existing : users) {
            if (existing.name().equals(user.name())) {
                throw new UsageException("--user: '" + user.name() + "' is given twice");
            }
        }
        users.add(user);
    }

    static String parseDbUrl(String value) throws UsageException {
        String url = value.trim();
        if (!url.startsWith("jdbc:")) {
            throw new UsageException("--db: expected a JDBC URL such as jdbc:h2:./signoff or jdbc:postgresql://127.0.0.1/test");
        }
        return url;
    }

    /**
     * {@code NAME=VALUE}; the value starts after the first {@code =} and may be empty. A malformed argument is
     * never repeated in the message: it may be a secret.
     */
    static void parseSet(Map<String, String> params, String value) throws UsageException {
        int eq = value.indexOf('=');
        if (eq < 0) {
            throw new UsageException("--set: expected NAME=VALUE but the argument has no '=' (write --set NAME=VALUE, "
                    + "or --set NAME= for an empty value)");
        }
        String name = value.substring(0, eq).trim();
        if (name.isEmpty()) {
            throw new UsageException("--set: expected NAME=VALUE but the argument has no name before '='");
        }
        if (!PARAM_NAME.matcher(name).matches()) {
            throw new UsageException("--set: the parameter name '" + name + "' contains whitespace or one of < > & \" '");
        }
        String paramValue = value.substring(eq + 1);
        if (paramValue.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            throw new UsageException("--set: the value of " + name + " contains a control character");
        }
        putParam(params, name, paramValue, "--set");
    }

    private static void putParam(Map<String, String> params, String name, String value, String option) throws UsageException {
        if (params.containsKey(name)) {
            throw new UsageException(option + ": context-param " + name + " is set twice"
                    + (DB_URL_PARAM.equals(name) ? " (--db sets it too)" : ""));
        }
        params.put(name, value);
    }

    /**
     * The {@code --set} names outside {@value #CONTEXT_PARAM_PREFIX}: init-params of Signoff's filters and servlets.
     * Each replaces the init-param of that name a component declares in the descriptor, and reaches the others as a
     * context-param (a component reads its init-param, else the context-param of the same name). In command-line order.
     */
    public List<String> componentParamNames() {
        return List.copyOf(componentParams().keySet());
    }

    /** The {@code --set} names and values of {@link #componentParamNames()}, in command-line order. */
    public Map<String, String> componentParams() {
        Map<String, String> params = new LinkedHashMap<>();
        contextParams.forEach((name, value) -> {
            if (!name.startsWith(CONTEXT_PARAM_PREFIX)) {
                params.put(name, value);
            }
        });
        return Collections.unmodifiableMap(params);
    }

    static String parseContract(String value) throws UsageException {
        if (!CONTRACT_NAME.matcher(value).matches()) {
            throw new UsageException("--contract: expected a name of letters, digits, '.', '_' or '-' but was '" + value + "'");
        }
        return value;
    }

    /** The text {@code --help} prints: every option with its default, and the {@code contracts} packaged. */
    public static String usage(List<String> contracts) {
        return String.join(System.lineSeparator(),
                "Usage: java -jar signoff.war [OPTION]...",
                "Runs Signoff in an embedded Jetty server. Options take their value as the next argument or after '='.",
                "",
                "  --port N              TCP port to listen on; 0 picks a free port (default: " + DEFAULT_PORT + ")",
                "  --host ADDR           address to bind (default: " + DEFAULT_HOST + ", this machine only);",
                "                        0.0.0.0 or :: exposes Signoff to every network this machine is on",
                "  --user NAME:PASSWORD[:ROLE,ROLE...]",
                "                        a user of the embedded realm \"signoff\"; repeatable; roles default to \""
                        + DEFAULT_ROLE + "\".",
                "                        A password containing ':' needs its roles written out (alice:pa:ss:user).",
                "                        (default: one user \"demo\" with a random password, printed once at start)",
                "  --db JDBC_URL         sets the context-param " + DB_URL_PARAM + " (default: the war's web.xml)",
                "  --set NAME=VALUE      sets a setting, overriding the war's web.xml; repeatable (default: none).",
                "                        A name starting with \"signoff.\" is a context-param; any other name (such as",
                "                        include or deliver) is an init-param of Signoff's filters and servlets: it",
                "                        replaces that init-param wherever web.xml sets it, and reaches every other",
                "                        filter and servlet that accepts it; a name that none accepts fails the start.",
                "  --contract NAME       deploys with the descriptor WEB-INF/contracts/NAME.xml packaged in the war",
                "                        instead of WEB-INF/web.xml (default: WEB-INF/web.xml)",
                "                        packaged: " + (contracts.isEmpty() ? "none" : String.join(", ", contracts)),
                "  --https-port N        also serves HTTPS on this port (0 picks a free one) on --host; needs the next two",
                "                        (default: HTTP only)",
                "  --keystore FILE       PKCS12 key store with the HTTPS connector's private key and certificate chain",
                "  --keystore-password-env VAR",
                "                        the environment variable holding the key store's password (never the password",
                "                        itself: a command line is visible to every user of the machine)",
                "  --debug               Signoff's own log at DEBUG on the console: the reason for each refused",
                "                        credential and each logout, never a token (default: off)",
                "  --verbose             Jetty logs at INFO, and failures print every log line and their stack trace",
                "                        (default: off: a failure to start is one line)",
                "  --help                prints this help and exits",
                "",
                "Exit status: 0 after a clean stop (SIGTERM or Ctrl-C: requests in progress get up to "
                        + EmbeddedServer.STOP_TIMEOUT_MS / 1000 + " s),",
                "1 if Signoff fails to start, 2 for a bad command line.",
                "");
    }
}
