package dev.signoff.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Starting the JVMs and tools the benchmarks measure, and waiting for them to say they are ready. */
public final class Processes {

    private Processes() {
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A process whose output lines are kept (and appended to {@code log}) and matched against a readiness test. */
    public static final class Watched implements AutoCloseable {
        public final Process process;
        private final List<String> lines = new ArrayList<>();
        private final CompletableFuture<String> ready = new CompletableFuture<>();

        public Watched(List<String> command, Path log, Predicate<String> readyLine) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            process = builder.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                     var out = log == null ? null : java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (out != null) {
                            out.write(line);
                            out.newLine();
                            out.flush();
                        }
                        if (!ready.isDone() && readyLine.test(line)) {
                            ready.complete(line);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                ready.completeExceptionally(new IllegalStateException("exited before it was ready:\n" + output()));
            }, "bench-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The readiness line. */
        public String awaitReady(long seconds) throws IOException {
            try {
                return ready.get(seconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage());
            } catch (TimeoutException e) {
                close();
                throw new IOException("not ready within " + seconds + " s:\n" + output());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }

        public String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs a command to completion and returns its output (standard error included). */
    public static String run(List<String> command, long timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            String text = output.get(10, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " exited with "
                        + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("running " + command.get(0) + ": " + e);
        }
    }
}
