package dev.signoff.bench.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.bench.Processes;
import dev.signoff.bench.Stats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 1: throughput and latency of the same servlet bare, behind {@code AuthFilter} per algorithm, and behind
 * the database-lookup baseline, all served by one {@link HttpBenchServer} process. Each variant gets a warm-up run,
 * then every round runs every variant once, the order rotating from round to round so that no variant always
 * follows the same one, with a run of the bare servlet before the first variant and after each one. Ratios are paired
 * closely: a variant's rate over the mean of the two bare runs just before and just after it, which cancels a load
 * that rises or falls steadily across the pair; the same for the CPU time per request. A ratio between two variants
 * (Signoff over Spring Security) is the quotient of their ratios to bare in the same round.
 */
public final class HttpBench {

    /** The variants in the order results list them, with what the results call them. */
    public static final Map<String, String> VARIANTS = variants();

    /** The server JVM's options. */
    public static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx1g");

    private static Map<String, String> variants() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("bare", "bare servlet");
        v.put("hs256", "AuthFilter HS256");
        v.put("hs256-new", "AuthFilter HS256, every token new to the verifier");
        v.put("rs256", "AuthFilter RS256");
        v.put("es256", "AuthFilter ES256");
        v.put("eddsa", "AuthFilter EdDSA");
        v.put("db", "DB lookup per request (HS256 + session row)");
        v.put("wrap", "a filter that only wraps the request (no authentication)");
        v.put("spring", "Spring Security resource server HS256 (no revocation check)");
        v.put("spring-new", "Spring Security HS256, every token new (no revocation check)");
        return v;
    }

    /** How hard and how long. */
    public record Settings(int threads, int connections, int warmupSeconds, int rounds, int seconds, String jfr) {
    }

    /**
     * One measured run of one variant: wrk's report, the database statements its context sent, the requests the
     * server's servlet answered and the server process's CPU time during the run.
     */
    public record Run(String variant, int round, int slot, Wrk.Report report, long statements, long served, long cpuNanos) {

        /** Server CPU time per request the server answered, in microseconds. */
        public double cpuMicrosPerRequest() {
            return served == 0 ? Double.NaN : cpuNanos / 1e3 / served;
        }
    }

    /** All runs, and what the server said about its database. */
    public record Result(Settings settings, String database, List<Run> runs) {

        public List<Run> of(String variant) {
            return runs.stream().filter(r -> r.variant().equals(variant)).toList();
        }

        /** The bare runs just before and just after {@code run} in its round. */
        private List<Run> bareAround(Run run) {
            return runs.stream().filter(b -> b.variant().equals("bare") && b.round() == run.round()
                    && Math.abs(b.slot() - run.slot()) == 1).toList();
        }

        private double bareRate(Run run) {
            return bareAround(run).stream().mapToDouble(b -> b.report().perSecond()).average().orElse(Double.NaN);
        }

        private double bareCpu(Run run) {
            return bareAround(run).stream().mapToDouble(Run::cpuMicrosPerRequest).average().orElse(Double.NaN);
        }

        /** This variant's rate over the bare servlet's around it, per round (1 for the bare servlet itself). */
        public List<Double> ratios(String variant) {
            if (variant.equals("bare")) {
                return of(variant).stream().map(r -> 1.0).toList();
            }
            return of(variant).stream().map(run -> run.report().perSecond() / bareRate(run)).toList();
        }

        /** This variant's rate over {@code other}'s, per round: the quotient of their ratios to bare in that round. */
        public List<Double> ratios(String variant, String other) {
            List<Double> ratios = new ArrayList<>();
            for (Run run : of(variant)) {
                runs.stream().filter(b -> b.variant().equals(other) && b.round() == run.round()).findFirst()
                        .ifPresent(base -> ratios.add(run.report().perSecond() / bareRate(run) / (base.report().perSecond() / bareRate(base))));
            }
            return ratios;
        }

        /** Server CPU microseconds per request of this variant, per round. */
        public List<Double> cpuPerRequest(String variant) {
            return of(variant).stream().map(Run::cpuMicrosPerRequest).toList();
        }

        /** Server CPU microseconds per request of this variant minus the bare servlet's in the same round, per round. */
        public List<Double> extraCpu(String variant) {
            List<Double> extra = new ArrayList<>();
            if (variant.equals("bare")) {
                return of(variant).stream().map(r -> 0.0).toList();
            }
            for (Run run : of(variant)) {
                extra.add(run.cpuMicrosPerRequest() - bareCpu(run));
            }
            return extra;
        }

        public double medianRate(String variant) {
            return Stats.median(of(variant).stream().map(r -> r.report().perSecond()).toList());
        }

        public double statementsPerRequest(String variant) {
            long statements = of(variant).stream().mapToLong(Run::statements).sum();
            long requests = of(variant).stream().mapToLong(r -> r.report().requests()).sum();
            return statements / (double) requests;
        }
    }

    private HttpBench() {
    }

    public static Result run(Settings settings, Path work, String jdbcUrl, String dbUser, String classpath) throws IOException {
        List<String> command = new ArrayList<>(List.of(Processes.java()));
        command.addAll(SERVER_JVM);
        if (settings.jfr() != null) {
            command.add("-XX:StartFlightRecording=filename=" + settings.jfr() + ",settings=profile");
        }
        command.addAll(List.of("-cp", classpath, HttpBenchServer.class.getName(), work.toString(), jdbcUrl));
        if (dbUser != null) {
            command.add(dbUser);
        }
        try (Processes.Watched server = new Processes.Watched(command, work.resolve("http-server.log"), l -> l.startsWith("READY "))) {
            int port = Integer.parseInt(server.awaitReady(180).substring(6).trim());
            Path script = work.resolve("tokens.lua");
            try (var in = HttpBench.class.getResourceAsStream("tokens.lua")) {
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            String base = "http://127.0.0.1:" + port;
            HttpClient client = HttpClient.newHttpClient();
            List<String> variants = new ArrayList<>(VARIANTS.keySet());

            for (String variant : variants) {
                System.out.printf("  warm-up %-6s %d s%n", variant, settings.warmupSeconds());
                load(settings, settings.warmupSeconds(), base, variant, work, script);
            }
            List<Run> runs = new ArrayList<>();
            List<String> others = variants.stream().filter(v -> !v.equals("bare")).toList();
            for (int round = 1; round <= settings.rounds(); round++) {
                List<String> sequence = new ArrayList<>(List.of("bare"));
                for (int i = 0; i < others.size(); i++) {
                    sequence.add(others.get((i + round - 1) % others.size()));
                    sequence.add("bare");
                }
                for (int slot = 0; slot < sequence.size(); slot++) {
                    String variant = sequence.get(slot);
                    ServerStats before = stats(client, base);
                    Wrk.Report report = load(settings, settings.seconds(), base, variant, work, script);
                    ServerStats after = stats(client, base);
                    String context = contextOf(variant);
                    Run run = new Run(variant, round, slot, report, after.statements(context) - before.statements(context),
                            after.served(context) - before.served(context), after.cpuNanos() - before.cpuNanos());
                    runs.add(run);
                    System.out.printf("  round %d %-10s %9.0f req/s  p50 %6.2f ms  p99 %7.2f ms  %6.1f us CPU/request  %d DB statements%n",
                            round, variant, report.perSecond(), report.p50(), report.p99(), run.cpuMicrosPerRequest(), run.statements());
                }
            }
            return new Result(settings, Files.readString(work.resolve("database.txt")), runs);
        }
    }

    private static Wrk.Report load(Settings settings, int seconds, String base, String variant, Path work, Path script)
            throws IOException {
        return Wrk.run(settings.threads(), settings.connections(), seconds, script, work.resolve("tokens-" + variant + ".txt"),
                base + "/" + contextOf(variant) + "/hello");
    }

    /**
     * The server context a variant is served by: its own, but Spring Security's two variants share one (its decoder
     * keeps nothing from one request to the next).
     */
    static String contextOf(String variant) {
        return variant.equals("spring-new") ? "spring" : variant;
    }

    /** The server's counters at one moment: statements and requests per context, process CPU time. */
    private record ServerStats(Map<String, Long> statements, Map<String, Long> served, long cpuNanos) {

        long statements(String context) {
            return statements.getOrDefault(context, 0L);
        }

        long served(String context) {
            return served.getOrDefault(context, 0L);
        }
    }

    @SuppressWarnings("unchecked")
    private static ServerStats stats(HttpClient client, String base) throws IOException {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/stats/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json = new ObjectMapper().readValue(response.body(), Map.class);
            return new ServerStats(longs((Map<String, Object>) json.get("statements")), longs((Map<String, Object>) json.get("requests")),
                    ((Number) json.get("cpuNanos")).longValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static Map<String, Long> longs(Map<String, Object> json) {
        Map<String, Long> counts = new LinkedHashMap<>();
        json.forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
        return counts;
    }
}
