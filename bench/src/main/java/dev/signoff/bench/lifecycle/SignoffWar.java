package dev.signoff.bench.lifecycle;

import dev.signoff.bench.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The executable war, started as its users start it: {@code java -jar signoff.war ...}. */
public final class SignoffWar implements AutoCloseable {

    public static final String USER = "bench";
    public static final String PASSWORD = "bench-password";

    private final Processes.Watched process;
    private final String url;

    private SignoffWar(Processes.Watched process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the war on a free loopback port with the database {@code jdbcUrl} and waits until it listens. */
    public static SignoffWar start(Path war, String jdbcUrl, String dbUser, Path log) throws IOException {
        return start(war, jdbcUrl, dbUser, log, List.of());
    }

    /** The same with more {@code --set name=value} settings. */
    public static SignoffWar start(Path war, String jdbcUrl, String dbUser, Path log, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx512m", "-jar", war.toString(),
                "--host", "127.0.0.1", "--port", "0", "--db", jdbcUrl, "--user", USER + ":" + PASSWORD + ":user"));
        if (dbUser != null) {
            command.addAll(List.of("--set", "signoff.db.user=" + dbUser));
        }
        for (String setting : settings) {
            command.addAll(List.of("--set", setting));
        }
        Processes.Watched process = new Processes.Watched(command, log, l -> l.startsWith("Signoff listening on "));
        String line = process.awaitReady(120);
        String url = line.substring("Signoff listening on ".length()).trim();
        return new SignoffWar(process, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The server process's id (for {@code jcmd}). */
    public long pid() {
        return process.process.pid();
    }

    public String url(String path) {
        return url + path;
    }

    @Override
    public void close() {
        process.close();
    }
}
