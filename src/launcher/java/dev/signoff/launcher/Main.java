package dev.signoff.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs {@code signoff.war} in embedded Jetty; entered from {@code dev.signoff.boot.Boot} inside the war's own class
 * loader. See {@link LauncherOptions#usage(List)} for the options.
 *
 * <p>Output contract: after a successful start exactly one line {@code Signoff listening on http://HOST:PORT/} goes
 * to standard output, last (preceded by the generated demo user's credentials when no {@code --user} was given, and
 * by {@code Signoff listening on https://HOST:PORT/} with {@code --https-port}). A failed
 * start prints one line {@code Signoff failed to start: <cause and remedy>} to standard error ({@link StartFailure};
 * with {@code --verbose} the stack trace and every log record follow) and returns 1; a bad command line prints one
 * line naming the option and returns 2. A {@code --set} name without the {@code signoff.} prefix that no filter or
 * servlet of Signoff accepts fails the start like a misspelt context-param.
 */
public final class Main {

    public static final int EXIT_OK = 0;
    public static final int EXIT_START_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    /**
     * Parses {@code args}, starts the server and blocks until it stops.
     *
     * @param war the war file to deploy, which also holds the contracts
     * @return the process exit status
     */
    public static int run(String[] args, Path war) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (UsageException e) {
            return usageError(e);
        }
        if (options.help()) {
            List<String> contracts;
            try {
                contracts = Contracts.available(war);
            } catch (IOException e) {
                contracts = List.of();
            }
            System.out.print(LauncherOptions.usage(contracts));
            System.out.flush();
            return EXIT_OK;
        }
        JettyLogging.configure(options.verbose());
        ConsoleLogging logging = ConsoleLogging.configure(options.verbose(), options.debug());

        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("signoff-run-");
            Path descriptor = null;
            if (options.contract() != null) {
                descriptor = Contracts.extract(war, options.contract(), workDir.resolve("contract-web.xml"));
            }
            Path override = options.contextParams().isEmpty() ? null
                    : OverrideDescriptor.write(options.contextParams(), workDir.resolve("override-web.xml"));
            List<LauncherOptions.User> users = options.users();
            LauncherOptions.User demo = null;
            if (users.isEmpty()) {
                demo = Realm.demoUser(new SecureRandom());
                users = List.of(demo);
            }

            EmbeddedServer.Tls tls = options.https() == null ? null : tls(options.https());
            EmbeddedServer server = EmbeddedServer.create(war, options.host(), options.port(), tls,
                    Realm.loginService(users), descriptor, override, options.componentParams());
            try {
                server.start();
            } catch (Exception | LinkageError e) {
                logging.failed();
                reportStartFailure(e, options);
                server.stopQuietly();
                return EXIT_START_FAILED;
            }
            String unaccepted = unacceptedComponentParam(options, server);
            if (unaccepted != null) {
                logging.failed();
                System.err.println("Signoff failed to start: configuration error: " + unaccepted);
                System.err.flush();
                server.stopQuietly();
                return EXIT_START_FAILED;
            }
            logging.started();
            if (demo != null) {
                System.out.println("Demo user: " + demo.name() + "  password: " + demo.password()
                        + "  (generated for this run; --user NAME:PASSWORD sets your own)");
            }
            if (tls != null) {
                System.out.println("Signoff listening on " + server.httpsUrl());
            }
            System.out.println("Signoff listening on " + server.url());
            System.out.flush();
            server.join();
            return EXIT_OK;
        } catch (UsageException e) {
            return usageError(e);
        } catch (IOException e) {
            logging.failed();
            reportStartFailure(e, options);
            return EXIT_START_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_OK;
        } finally {
            deleteTree(workDir);
        }
    }

    /** Reads the key store password from its environment variable; checks that the key store can be read. */
    static EmbeddedServer.Tls tls(LauncherOptions.Https https) throws UsageException {
        String password = System.getenv(https.passwordEnv());
        if (password == null || password.isEmpty()) {
            throw new UsageException("--keystore-password-env: the environment variable '" + https.passwordEnv()
                    + "' is not set or empty");
        }
        Path keystore = Path.of(https.keystore());
        if (!Files.isRegularFile(keystore) || !Files.isReadable(keystore)) {
            throw new UsageException("--keystore: cannot read the file '" + https.keystore() + "'");
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new UsageException("--keystore: '" + https.keystore() + "' holds no private key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("--keystore: cannot open '" + https.keystore() + "' as a PKCS12 key store with the password in "
                    + https.passwordEnv() + " (wrong password, or another format)", false);
        }
        return new EmbeddedServer.Tls(https.port(), keystore, password);
    }

    private static int usageError(UsageException e) {
        System.err.println("Signoff: " + e.getMessage() + (e.usageHint() ? " (run with --help for usage)" : ""));
        return EXIT_USAGE;
    }

    private static void reportStartFailure(Throwable failure, LauncherOptions options) {
        PrintStream err = System.err;
        err.println("Signoff failed to start: " + StartFailure.describe(failure, options));
        if (options.verbose()) {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * The first bare {@code --set} name (an init-param for Signoff's filters and servlets) that none of the started
     * application's components accepts, as a message naming it; {@code null} when every one is accepted. Without
     * this check such a name would be a context-param nobody reads, silently ignored.
     */
    static String unacceptedComponentParam(LauncherOptions options, EmbeddedServer server) {
        List<String> names = options.componentParamNames();
        if (names.isEmpty()) {
            return null;
        }
        Set<String> accepted = server.acceptedComponentParams();
        for (String name : names) {
            if (!accepted.contains(name)) {
                return name + ": set with --set, but no filter or servlet of Signoff in this deployment accepts it (a name"
                        + " without the prefix " + LauncherOptions.CONTEXT_PARAM_PREFIX + " is an init-param)"
                        + server.unknownSuffix(name, accepted);
            }
        }
        return null;
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Signoff: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
