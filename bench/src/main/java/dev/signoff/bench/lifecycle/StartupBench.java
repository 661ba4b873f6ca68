package dev.signoff.bench.lifecycle;

import dev.signoff.bench.Processes;
import dev.signoff.bench.Stats;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 4: from {@code java -jar signoff.war} to the first answered request ({@code GET /api/me}, answered 401),
 * each start with a new H2 database (the schema is created), polling every 5 ms. Also when the
 * {@code Signoff listening on} line appeared.
 */
public final class StartupBench {

    /** Milliseconds per start. */
    public record Result(List<Double> firstAnswer, List<Double> listening) {

        public double median() {
            return Stats.median(firstAnswer);
        }
    }

    private StartupBench() {
    }

    public static Result run(Path war, int starts, Path work) throws IOException, InterruptedException {
        List<Double> answered = new ArrayList<>();
        List<Double> listening = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < starts; i++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory(work, "startup-");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me"))
                    .timeout(Duration.ofSeconds(5)).build();
            long start = System.nanoTime();
            long[] listeningAt = {0};
            try (Processes.Watched war1 = new Processes.Watched(List.of(Processes.java(), "-Xmx512m", "-jar", war.toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--db", "jdbc:h2:file:" + dir.resolve("db"),
                    "--user", "bench:bench-password"), null, line -> {
                        if (line.startsWith("Signoff listening on")) {
                            listeningAt[0] = System.nanoTime();
                            return true;
                        }
                        return false;
                    })) {
                int status = -1;
                while (status < 0) {
                    if (!war1.process.isAlive()) {
                        throw new IOException("the war exited:\n" + war1.output());
                    }
                    if (System.nanoTime() - start > 120_000_000_000L) {
                        throw new IOException("no answer within 120 s:\n" + war1.output());
                    }
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (ConnectException e) {
                        Thread.sleep(5);
                    } catch (IOException e) {
                        Thread.sleep(5);
                    }
                }
                double ms = (System.nanoTime() - start) / 1e6;
                answered.add(ms);
                war1.awaitReady(30);
                listening.add((listeningAt[0] - start) / 1e6);
                System.out.printf("  start %d: first answer (%d) after %.0f ms, listening line after %.0f ms%n", i + 1, status, ms,
                        listening.get(listening.size() - 1));
            }
        }
        return new Result(answered, listening);
    }
}
