package dev.signoff.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs {@code signoff.war} in embedded Jetty; entered from {@code dev.signoff.boot.Boot} inside the war's own class
 * loader. See {@link LauncherOptions#usage(List)} for the options.
 *
 * <p>Output contract: after a successful start exactly one line {@code Signoff listening on http://HOST:PORT/} goes
 * to standard output, last (preceded by the generated demo user's credentials when no {@code --user} was given, and
 * by {@code Signoff listening on https://HOST:PORT/} with {@code --https-port}). A failed
 * start prints {@code Signoff failed to start: <root cause>} to standard error and returns 1; a bad command line
 * prints one line naming the option and returns 2.
 */
public final class Main {

    public static final int EXIT_OK = 0;
    public static final int EXIT_START_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** How the web application's own start-up failures begin; the rest says what failed, naming the parameter. */
    private static final String WEBAPP_FAILURE_PREFIX = "Signoff ";

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
                    Realm.loginService(users), descriptor, override);
            try {
                server.start();
            } catch (Exception | LinkageError e) {
                reportStartFailure(e, options);
                server.stopQuietly();
                return EXIT_START_FAILED;
            }
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
        err.println("Signoff failed to start: " + describe(failure, options));
        if (options.verbose()) {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * The web application's own account of its failure ("configuration error: ..." or "cannot start: ..."), else
     * the message of the root cause; for a port that cannot be bound, which address and why.
     */
    static String describe(Throwable failure, LauncherOptions options) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException) {
                return "cannot listen on " + options.host() + ":" + options.port()
                        + (options.https() == null ? "" : " (HTTPS: " + options.https().port() + ")") + ": " + t.getMessage();
            }
            root = t;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.startsWith(WEBAPP_FAILURE_PREFIX)) {
                return message.substring(WEBAPP_FAILURE_PREFIX.length());
            }
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            for (Throwable t = failure; t != null && t != root; t = t.getCause()) {
                if (t.getMessage() != null && !t.getMessage().isBlank()) {
                    message = t.getMessage();
                }
            }
        }
        return message == null || message.isBlank() ? root.getClass().getName() : message;
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
