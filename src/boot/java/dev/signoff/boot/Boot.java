package dev.signoff.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code Main-Class} of {@code signoff.war}: makes {@code java -jar signoff.war} start the war in embedded Jetty.
 *
 * <p>Jetty and the launcher live inside the war under {@value #LAUNCHER_DIR}, where the web application never sees
 * them. This class uses nothing but the JDK: it copies that directory to a fresh temporary directory, builds a class
 * loader over {@code classes/} and {@code lib/*.jar} whose parent is the platform class loader (so nothing from the
 * war's root leaks in), and hands the arguments and the war's path to
 * {@code dev.signoff.launcher.Main.run(String[], Path)}, which returns the process exit status.
 *
 * <p>The temporary directory is deleted when the JVM exits, after the launcher has returned (a SIGTERM first lets
 * Jetty stop gracefully, then the directory goes). The process then ends with the launcher's status: 0 after a clean
 * stop on SIGTERM or Ctrl-C (not the JVM's 143 or 130), which is what service managers take for a normal stop.
 */
public final class Boot {

    /** Where the launcher's classes and jars are packaged in the war. */
    static final String LAUNCHER_DIR = "WEB-INF/launcher/";

    private static final String LAUNCHER_CLASS = "dev.signoff.launcher.Main";

    /** How long the clean-up at exit waits for a graceful stop before deleting the launcher's files anyway. */
    private static final long STOP_WAIT_SECONDS = 60;

    private Boot() {
    }

    public static void main(String[] args) {
        Path war;
        Path dir;
        try {
            war = locateWar();
            dir = extractLauncher(war);
        } catch (BootException e) {
            System.err.println("Signoff: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch launcherDone = new CountDownLatch(1);
        AtomicInteger launcherStatus = new AtomicInteger(1);
        List<URLClassLoader> loaders = new ArrayList<>(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(launcherDone, launcherStatus, loaders, dir),
                "signoff-cleanup"));

        int status = 1;
        try {
            URLClassLoader loader = launcherClassLoader(dir);
            loaders.add(loader);
            status = launch(loader, args, war);
        } catch (BootException e) {
            System.err.println("Signoff: " + e.getMessage());
            status = 1;
        } finally {
            launcherStatus.set(status);
            launcherDone.countDown();
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The war this class was loaded from; fails unless it is a file that packages the launcher. */
    static Path locateWar() throws BootException {
        CodeSource source = Boot.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new BootException("cannot tell which file this class was loaded from; start it as: java -jar signoff.war");
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new BootException("not started from a war (" + source.getLocation() + "); start it as: java -jar signoff.war");
        }
        if (!Files.isRegularFile(location)) {
            throw new BootException("not started from a war (" + location + " is a directory); start it as: java -jar signoff.war");
        }
        try (ZipFile zip = new ZipFile(location.toFile())) {
            if (zip.getEntry(LAUNCHER_DIR + "classes/" + LAUNCHER_CLASS.replace('.', '/') + ".class") == null) {
                throw new BootException(location + " does not contain the launcher (" + LAUNCHER_DIR
                        + "); build it with: mvn package");
            }
        } catch (IOException e) {
            throw new BootException("not started from a war (" + location + " cannot be read as a zip: " + e.getMessage() + ")");
        }
        return location;
    }

    /** Copies every entry under {@value #LAUNCHER_DIR} into a new temporary directory, which it returns. */
    static Path extractLauncher(Path war) throws BootException {
        try {
            Path dir = Files.createTempDirectory("signoff-launcher-");
            try (ZipFile zip = new ZipFile(war.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (!entry.getName().startsWith(LAUNCHER_DIR) || entry.getName().length() == LAUNCHER_DIR.length()) {
                        continue;
                    }
                    Path target = dir.resolve(entry.getName().substring(LAUNCHER_DIR.length())).normalize();
                    if (!target.startsWith(dir)) {
                        throw new BootException(war + " contains an entry that escapes " + LAUNCHER_DIR + ": " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new BootException("cannot unpack the launcher from " + war + ": " + e.getMessage());
        }
    }

    /** A class loader over {@code dir/classes/} and every {@code dir/lib/*.jar}, child of the platform loader. */
    static URLClassLoader launcherClassLoader(Path dir) throws BootException {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(dir.resolve("classes").toUri().toURL());
            Path lib = dir.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
        } catch (IOException e) {
            throw new BootException("cannot read the unpacked launcher in " + dir + ": " + e.getMessage());
        }
        return new URLClassLoader("signoff-launcher", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    /** Runs {@code Main.run(args, war)} with {@code loader} as the thread's context class loader; returns its status. */
    static int launch(ClassLoader loader, String[] args, Path war) throws BootException {
        Thread.currentThread().setContextClassLoader(loader);
        Method run;
        try {
            run = Class.forName(LAUNCHER_CLASS, true, loader).getMethod("run", String[].class, Path.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new BootException("the launcher packaged in the war is incomplete: " + e);
        }
        try {
            return (Integer) run.invoke(null, args, war);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new BootException("the launcher failed: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        } catch (IllegalAccessException e) {
            throw new BootException("the launcher packaged in the war is incomplete: " + e);
        }
    }

    /**
     * Runs at JVM exit: waits for the launcher to return, deletes its files, then ends the process with the launcher's
     * status ({@link Runtime#halt}: the exit status of a JVM stopped by a signal would otherwise be 128 + the signal's
     * number). A launcher that has not returned in {@value #STOP_WAIT_SECONDS} s leaves the JVM's own status.
     */
    private static void cleanUp(CountDownLatch launcherDone, AtomicInteger launcherStatus, List<URLClassLoader> loaders,
                                Path dir) {
        boolean returned = false;
        try {
            returned = launcherDone.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // the files are deleted next either way
            }
        }
        deleteTree(dir);
        if (returned) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(launcherStatus.get());
        }
    }

    /** Deletes {@code dir} and everything below it, as far as possible. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Signoff: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** A failure to start the launcher, with a message fit to show as one line. */
    static final class BootException extends Exception {

        private static final long serialVersionUID = 1L;

        BootException(String message) {
            super(message);
        }
    }
}
