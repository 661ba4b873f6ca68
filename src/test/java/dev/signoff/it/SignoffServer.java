package dev.signoff.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built {@code target/signoff.war}, started as its users start it ({@code java -jar}) in a separate
 * process, on a free loopback port. Its console output is kept for assertions.
 */
public final class SignoffServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Signoff listening on (http://\\S+?)/?$");
    private static final Pattern LISTENING_HTTPS = Pattern.compile("Signoff listening on (https://\\S+?)/?$");

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final String baseUrl;

    private SignoffServer(Map<String, String> environment, List<String> args) throws IOException, InterruptedException, TimeoutException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", war().toString(),
                "--host", "127.0.0.1", "--port", "0"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line.trim());
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            url.completeExceptionally(new IllegalStateException("Signoff exited before listening:\n" + String.join("\n", output)));
        }, "signoff-output");
        reader.setDaemon(true);
        reader.start();
        try {
            baseUrl = url.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new TimeoutException("Signoff did not start within 60 s:\n" + String.join("\n", output));
        }
        try {
            OpenApi.register(baseUrl, origins());
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The origins this server answers on: its HTTP connector, and its HTTPS one when it has one. */
    private List<String> origins() {
        List<String> origins = new ArrayList<>(List.of(baseUrl));
        synchronized (output) {
            for (String line : output) {
                Matcher m = LISTENING_HTTPS.matcher(line.trim());
                if (m.find()) {
                    origins.add(m.group(1));
                }
            }
        }
        return origins;
    }

    /** The OpenAPI description this server serves, which every response {@link Http} receives from it is held to. */
    public OpenApi description() {
        return OpenApi.forUrl(baseUrl).orElseThrow();
    }

    /** Starts the war with these command-line options (besides host and port). */
    public static SignoffServer start(String... args) throws Exception {
        return new SignoffServer(Map.of(), List.of(args));
    }

    /** Starts the war with these environment variables added to this JVM's, and these options. */
    public static SignoffServer start(Map<String, String> environment, String... args) throws Exception {
        return new SignoffServer(environment, List.of(args));
    }

    /** Runs the war to completion (for options that make it exit) and returns its exit code; output in {@link #run}. */
    public static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", war().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new TimeoutException("did not exit: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    public record Result(int exitCode, String output) {
    }

    public String url(String path) {
        return baseUrl + path;
    }

    /** The URL of {@code path} on the HTTPS connector ({@code --https-port}), as the war printed it at start. */
    public String httpsUrl(String path) {
        synchronized (output) {
            for (String line : output) {
                Matcher m = LISTENING_HTTPS.matcher(line.trim());
                if (m.find()) {
                    return m.group(1) + path;
                }
            }
        }
        throw new IllegalStateException("no HTTPS connector announced:\n" + output());
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** The war process's thread stacks ({@code jcmd PID Thread.print}), to show where a stalled request waits. */
    public String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "no thread dump: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump: interrupted";
        }
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        OpenApi.unregister(origins());
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static Path war() {
        Path war = Path.of(System.getProperty("signoff.war", "target/signoff.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: integration tests run after package (mvn verify)");
        }
        return war;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
