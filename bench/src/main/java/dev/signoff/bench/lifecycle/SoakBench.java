package dev.signoff.bench.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.bench.Processes;
import dev.signoff.bench.Stats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 5: a soak of the executable war on one database. Clients mix what an application's users do: each logs in,
 * sends authenticated requests ({@code GET /api/me} with its access token), rotates its refresh token
 * ({@code POST /auth/refresh}) every {@value #REQUESTS_PER_REFRESH} requests, and logs out ({@code POST
 * /auth/logout}) after {@value #REFRESHES_PER_LOGIN} refreshes, then logs in again. First the peak: the same mix
 * closed-loop for a while; then the soak offers {@code load} of that peak on a fixed schedule for {@code minutes}
 * minutes. At the end of every minute the server's live heap is measured ({@code jcmd GC.class_histogram}: a full
 * collection, then every live object counted by class), with the minute's operations, failures and latencies; the
 * histograms say which classes hold what the heap gains or loses.
 *
 * <p>Access tokens live {@value #TOKEN_TTL} here (the default is 15 minutes): a logged-out session's ids stay in the
 * revocation view for as long as its last access token could be presented, so with the default the view would still
 * be filling at the soak's end; with a shorter lifetime the view reaches its steady size in the soak's first minutes,
 * which is what a flat heap has to show.
 */
public final class SoakBench {

    public static final int REQUESTS_PER_REFRESH = 10;
    public static final int REFRESHES_PER_LOGIN = 4;
    static final String TOKEN_TTL = "2m";

    /** {@link #TOKEN_TTL} in words, for the results. */
    public static final String TOKEN_TTL_TEXT = "2 minutes";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE);

    /** How long and how hard. */
    public record Settings(int clients, int peakSeconds, double load, int minutes) {
    }

    /** Live bytes after a full collection, in all and by class name. */
    public record Heap(long bytes, Map<String, Long> bytesByClass) {

        public double mib() {
            return bytes / (1024.0 * 1024.0);
        }
    }

    /** One minute of the soak: the live heap, operations by kind, failures, latency (ms). */
    public record Minute(int minute, Heap heap, long requests, long refreshes, long logins, long logouts, long failures,
                         double p50, double p99) {

        public double heapMiB() {
            return heap.mib();
        }

        public long operations() {
            return requests + refreshes + logins + logouts;
        }
    }

    /** The peak of the mix, the rate offered, and every minute. */
    public record Result(String database, Settings settings, double peakPerSecond, double offeredPerSecond, List<Minute> minutes,
                         String failureSample) {

        public long failures() {
            return minutes.stream().mapToLong(Minute::failures).sum();
        }

        /** Highest over lowest heap after GC from minute 2 on. */
        public double heapSpread() {
            List<Double> heaps = minutes.stream().filter(m -> m.minute() >= 2).map(Minute::heapMiB).toList();
            return Stats.max(heaps) / Stats.min(heaps);
        }
    }

    private SoakBench() {
    }

    public static Result run(Settings settings, Path war, String database, String jdbcUrl, String dbUser, Path log)
            throws IOException, InterruptedException {
        try (SignoffWar server = SignoffWar.start(war, jdbcUrl, dbUser, log, List.of("signoff.access-token-ttl=" + TOKEN_TTL))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
            try {
                Counters warm = new Counters();
                drive(client, pool, server, settings.clients(), 0, System.nanoTime() + 10_000_000_000L, warm);
                Counters peak = new Counters();
                long start = System.nanoTime();
                drive(client, pool, server, settings.clients(), 0, start + settings.peakSeconds() * 1_000_000_000L, peak);
                double peakRate = peak.operations() / ((System.nanoTime() - start) / 1e9);
                double offered = peakRate * settings.load();
                System.out.printf("  soak: peak of the mix %.0f operations/s (%d failed), offering %.0f/s for %d min%n", peakRate,
                        peak.failures.get(), offered, settings.minutes());

                long interval = (long) (1e9 * settings.clients() / offered);
                Counters soak = new Counters();
                long soakStart = System.nanoTime();
                long end = soakStart + settings.minutes() * 60_000_000_000L;
                List<Future<?>> clients = start(client, pool, server, settings.clients(), interval, end, soak);
                List<Minute> minutes = new ArrayList<>();
                Counters.Snapshot last = soak.snapshot();
                for (int minute = 1; minute <= settings.minutes(); minute++) {
                    long due = soakStart + minute * 60_000_000_000L;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    Counters.Snapshot now = soak.snapshot();
                    Heap heap = liveHeap(server.pid());
                    List<Long> latencies = soak.drainLatencies();
                    double[] ms = latencies.stream().mapToDouble(ns -> ns / 1e6).toArray();
                    Minute m = new Minute(minute, heap, now.requests() - last.requests(), now.refreshes() - last.refreshes(),
                            now.logins() - last.logins(), now.logouts() - last.logouts(), now.failures() - last.failures(),
                            Stats.percentile(ms, 50), Stats.percentile(ms, 99));
                    minutes.add(m);
                    last = now;
                    System.out.printf("  soak minute %2d: heap after GC %6.1f MiB, %6d operations (%d failed), p50 %.2f ms, p99 %.2f ms%n",
                            minute, heap.mib(), m.operations(), m.failures(), m.p50(), m.p99());
                }
                for (Future<?> f : clients) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        throw new IOException("a soak client failed: " + e, e);
                    }
                }
                return new Result(database, settings, peakRate, offered, minutes, soak.failureSample.get() == null ? ""
                        : soak.failureSample.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Operations counted by kind, failures, and the latencies since the last drain. */
    private static final class Counters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong refreshes = new AtomicLong();
        final AtomicLong logins = new AtomicLong();
        final AtomicLong logouts = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final java.util.concurrent.atomic.AtomicReference<String> failureSample = new java.util.concurrent.atomic.AtomicReference<>();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

        record Snapshot(long requests, long refreshes, long logins, long logouts, long failures) {
        }

        Snapshot snapshot() {
            return new Snapshot(requests.get(), refreshes.get(), logins.get(), logouts.get(), failures.get());
        }

        long operations() {
            return requests.get() + refreshes.get() + logins.get() + logouts.get();
        }

        List<Long> drainLatencies() {
            List<Long> out = new ArrayList<>();
            Long l;
            while ((l = latencies.poll()) != null) {
                out.add(l);
            }
            return out;
        }

        void failed(String what) {
            failures.incrementAndGet();
            failureSample.compareAndSet(null, what);
        }
    }

    private static void drive(HttpClient client, ExecutorService pool, SignoffWar server, int clients, long interval, long end,
                              Counters counters) throws IOException, InterruptedException {
        for (Future<?> f : start(client, pool, server, clients, interval, end, counters)) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("a soak client failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /**
     * {@code clients} clients running the mix until {@code end}: closed loop when {@code interval} is 0, else each
     * sending an operation every {@code interval} ns on its own schedule (latency counted from the scheduled time).
     */
    private static List<Future<?>> start(HttpClient client, ExecutorService pool, SignoffWar server, int clients, long interval,
                                         long end, Counters counters) {
        List<Future<?>> futures = new ArrayList<>();
        long origin = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long phase = interval * c / clients;
            futures.add(pool.submit(() -> {
                String access = null;
                String refresh = null;
                int requests = 0;
                int refreshes = 0;
                for (long k = 0; ; k++) {
                    long scheduled = interval == 0 ? System.nanoTime() : origin + phase + k * interval;
                    if (scheduled >= end) {
                        return null;
                    }
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    try {
                        if (access == null) {
                            HttpResponse<String> r = send(client, post(server, "/auth/login", "{\"username\":\"" + SignoffWar.USER
                                    + "\",\"password\":\"" + SignoffWar.PASSWORD + "\"}"));
                            if (ok(r, "login", counters)) {
                                JsonNode body = JSON.readTree(r.body());
                                access = body.get("access_token").asText();
                                refresh = body.get("refresh_token").asText();
                                counters.logins.incrementAndGet();
                            }
                        } else if (requests < REQUESTS_PER_REFRESH) {
                            HttpResponse<String> r = send(client, HttpRequest.newBuilder(URI.create(server.url("/api/me")))
                                    .header("Authorization", "Bearer " + access).GET().build());
                            if (ok(r, "GET /api/me", counters)) {
                                counters.requests.incrementAndGet();
                            }
                            requests++;
                        } else if (refreshes < REFRESHES_PER_LOGIN) {
                            HttpResponse<String> r = send(client, post(server, "/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}"));
                            if (ok(r, "refresh", counters)) {
                                JsonNode body = JSON.readTree(r.body());
                                access = body.get("access_token").asText();
                                refresh = body.get("refresh_token").asText();
                                counters.refreshes.incrementAndGet();
                            } else {
                                access = null;
                            }
                            requests = 0;
                            refreshes++;
                        } else {
                            HttpResponse<String> r = send(client, HttpRequest.newBuilder(URI.create(server.url("/auth/logout")))
                                    .header("Authorization", "Bearer " + access).POST(HttpRequest.BodyPublishers.noBody()).build());
                            if (ok(r, "logout", counters)) {
                                counters.logouts.incrementAndGet();
                            }
                            access = null;
                            requests = 0;
                            refreshes = 0;
                        }
                    } catch (IOException e) {
                        counters.failed(e.toString());
                        access = null;
                    }
                    counters.latencies.add(System.nanoTime() - scheduled);
                }
            }));
        }
        return futures;
    }

    private static boolean ok(HttpResponse<String> response, String what, Counters counters) {
        if (response.statusCode() == 200) {
            return true;
        }
        counters.failed(what + " answered " + response.statusCode() + ": " + response.body());
        return false;
    }

    private static HttpRequest post(SignoffWar server, String path, String json) {
        return HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The live heap of the process {@code pid}: {@code jcmd GC.class_histogram} collects in full, then counts. */
    static Heap liveHeap(long pid) throws IOException {
        String jcmd = Path.of(Processes.java()).resolveSibling("jcmd").toString();
        String histogram = Processes.run(List.of(jcmd, Long.toString(pid), "GC.class_histogram"), 120);
        Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IOException("cannot read the heap from jcmd GC.class_histogram:\n"
                    + histogram.substring(0, Math.min(2000, histogram.length())));
        }
        Map<String, Long> byClass = new LinkedHashMap<>();
        for (String line : histogram.split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                byClass.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
            }
        }
        return new Heap(Long.parseLong(total.group(2)), byClass);
    }
}
