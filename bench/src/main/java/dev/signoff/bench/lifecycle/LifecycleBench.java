package dev.signoff.bench.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.bench.Stats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 3: logout and refresh against the executable war, with 1, 8 and 50 clients each sending its next
 * request as soon as the previous one is answered (closed loop, keep-alive, JDK {@link HttpClient}).
 *
 * <p>Logout: the sessions are created beforehand by logging in; each client takes the next one and logs it out
 * ({@code POST /auth/logout} with its access token), until a fixed number of logouts is done. Refresh: each client
 * holds one session and rotates its refresh token ({@code POST /auth/refresh}) for a fixed time.
 *
 * <p>Closed-loop clients saturate the server, so their latency is the number of clients over the throughput (Little's
 * law). The paced run shows the latency at a given load instead: {@code pacedClients} clients together offer
 * {@code pacedRate} logouts per second on a fixed schedule, and each latency is counted from the request's scheduled
 * time, so that a slow answer also counts against the requests it delayed.
 */
public final class LifecycleBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much work each run does. */
    public record Settings(List<Integer> clients, int logouts, int refreshSeconds, int pacedClients, int pacedRate) {
    }

    /** One run: latencies in milliseconds. */
    public record Run(String database, String operation, int clients, long operations, double seconds, double perSecond,
                      double p50, double p99, long failures) {
    }

    private LifecycleBench() {
    }

    public static List<Run> run(Settings settings, Path war, String database, String jdbcUrl, String dbUser, Path log)
            throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        try (SignoffWar server = SignoffWar.start(war, jdbcUrl, dbUser, log)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            int maxClients = Math.max(settings.pacedClients(), settings.clients().stream().max(Integer::compare).orElse(1));
            ExecutorService pool = Executors.newFixedThreadPool(maxClients);
            try {
                // warm-up: the same work at 8 clients, not recorded
                logouts(client, pool, server, database, 8, Math.max(200, settings.logouts() / 4));
                refreshes(client, pool, server, database, 8, settings.refreshSeconds());
                for (int clients : settings.clients()) {
                    Run logout = logouts(client, pool, server, database, clients, settings.logouts());
                    runs.add(logout);
                    print(logout);
                    Run refresh = refreshes(client, pool, server, database, clients, settings.refreshSeconds());
                    runs.add(refresh);
                    print(refresh);
                }
                Run paced = pacedLogouts(client, pool, server, database, settings.pacedClients(), settings.pacedRate(),
                        settings.logouts());
                runs.add(paced);
                print(paced);
            } finally {
                pool.shutdownNow();
            }
        }
        return runs;
    }

    private static void print(Run run) {
        System.out.printf("  %-10s %-7s %2d clients %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  (%d requests, %d failed)%n",
                run.database(), run.operation(), run.clients(), run.perSecond(), run.p50(), run.p99(), run.operations(), run.failures());
    }

    private static Run logouts(HttpClient client, ExecutorService pool, SignoffWar server, String database, int clients, int count)
            throws IOException, InterruptedException {
        ConcurrentLinkedQueue<String> accessTokens = new ConcurrentLinkedQueue<>();
        for (JsonNode login : loginAll(client, pool, server, 8, count)) {
            accessTokens.add(login.get("access_token").asText());
        }
        AtomicLong failures = new AtomicLong();
        return measure(pool, database, "logout", clients, failures, () -> {
            List<Long> latencies = new ArrayList<>();
            String token;
            while ((token = accessTokens.poll()) != null) {
                long start = System.nanoTime();
                int status = send(client, HttpRequest.newBuilder(URI.create(server.url("/auth/logout")))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
                latencies.add(System.nanoTime() - start);
                if (status != 200) {
                    failures.incrementAndGet();
                }
            }
            return latencies;
        });
    }

    /** {@code count} logouts offered at {@code rate} per second by {@code clients} clients, each on its own fixed schedule. */
    private static Run pacedLogouts(HttpClient client, ExecutorService pool, SignoffWar server, String database, int clients, int rate,
                                    int count) throws IOException, InterruptedException {
        ConcurrentLinkedQueue<String> accessTokens = new ConcurrentLinkedQueue<>();
        for (JsonNode login : loginAll(client, pool, server, 8, count)) {
            accessTokens.add(login.get("access_token").asText());
        }
        AtomicLong failures = new AtomicLong();
        AtomicLong clientIndex = new AtomicLong();
        long intervalNanos = 1_000_000_000L * clients / rate;
        long[] origin = {0};
        Run run = measure(pool, database, "logout " + rate + "/s", clients, failures, () -> {
            long phase = intervalNanos * clientIndex.getAndIncrement() / clients;
            List<Long> latencies = new ArrayList<>();
            for (long k = 0; ; k++) {
                long scheduled = origin[0] + phase + k * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String token = accessTokens.poll();
                if (token == null) {
                    return latencies;
                }
                int status = send(client, HttpRequest.newBuilder(URI.create(server.url("/auth/logout")))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
                latencies.add(System.nanoTime() - scheduled);
                if (status != 200) {
                    failures.incrementAndGet();
                }
            }
        }, origin);
        return run;
    }

    private static Run refreshes(HttpClient client, ExecutorService pool, SignoffWar server, String database, int clients, int seconds)
            throws IOException, InterruptedException {
        ConcurrentLinkedQueue<String> refreshTokens = new ConcurrentLinkedQueue<>();
        for (JsonNode login : loginAll(client, pool, server, 8, clients)) {
            refreshTokens.add(login.get("refresh_token").asText());
        }
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        return measure(pool, database, "refresh", clients, failures, () -> {
            List<Long> latencies = new ArrayList<>();
            String token = refreshTokens.poll();
            while (token != null && System.nanoTime() < end) {
                long start = System.nanoTime();
                HttpResponse<String> response = send(client, HttpRequest.newBuilder(URI.create(server.url("/auth/refresh")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\"" + token + "\"}")).build());
                latencies.add(System.nanoTime() - start);
                if (response.statusCode() != 200) {
                    failures.incrementAndGet();
                    break;
                }
                token = JSON.readTree(response.body()).get("refresh_token").asText();
            }
            return latencies;
        });
    }

    private interface Client {
        List<Long> work() throws Exception;
    }

    private static Run measure(ExecutorService pool, String database, String operation, int clients, AtomicLong failures, Client work)
            throws InterruptedException, IOException {
        return measure(pool, database, operation, clients, failures, work, new long[1]);
    }

    /** Runs {@code work} on {@code clients} threads at once; {@code origin[0]} is set to the start time before they go. */
    private static Run measure(ExecutorService pool, String database, String operation, int clients, AtomicLong failures, Client work,
                               long[] origin) throws InterruptedException, IOException {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return work.work();
            }));
        }
        long start = System.nanoTime();
        origin[0] = start;
        go.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            try {
                all.addAll(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(operation + " client failed: " + e.getCause(), e.getCause());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] ms = all.stream().mapToDouble(ns -> ns / 1e6).toArray();
        return new Run(database, operation, clients, all.size(), seconds, all.size() / seconds, Stats.percentile(ms, 50),
                Stats.percentile(ms, 99), failures.get());
    }

    /** {@code count} fresh logins of the bench user, made by {@code clients} concurrent clients. */
    private static List<JsonNode> loginAll(HttpClient client, ExecutorService pool, SignoffWar server, int clients, int count)
            throws IOException, InterruptedException {
        AtomicLong left = new AtomicLong(count);
        List<Future<List<JsonNode>>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                List<JsonNode> mine = new ArrayList<>();
                while (left.getAndDecrement() > 0) {
                    HttpResponse<String> response = send(client, HttpRequest.newBuilder(URI.create(server.url("/auth/login")))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + SignoffWar.USER + "\",\"password\":\""
                                    + SignoffWar.PASSWORD + "\"}")).build());
                    if (response.statusCode() != 200) {
                        throw new IOException("login answered " + response.statusCode() + ": " + response.body());
                    }
                    mine.add(JSON.readTree(response.body()));
                }
                return mine;
            }));
        }
        List<JsonNode> all = new ArrayList<>();
        for (Future<List<JsonNode>> future : futures) {
            try {
                all.addAll(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("logging in failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return all;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
