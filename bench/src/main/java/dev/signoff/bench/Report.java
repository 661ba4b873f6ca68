package dev.signoff.bench;

import dev.signoff.bench.http.HttpBench;
import dev.signoff.bench.http.HttpBenchServer;
import dev.signoff.bench.jmh.JmhRun;
import dev.signoff.bench.lifecycle.LifecycleBench;
import dev.signoff.bench.lifecycle.SoakBench;
import dev.signoff.bench.lifecycle.StartupBench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Collects the results and writes them: {@code README.md} (tables), PNG charts (gnuplot) and their data. */
public final class Report {

    private final boolean quick;
    private final String revision;
    private final String date;
    private final Map<String, String> machine;
    private HttpBench.Result http;
    private JmhRun.Result jmh;
    private LifecycleBench.Settings lifecycleSettings;
    private List<LifecycleBench.Run> lifecycle;
    private boolean postgresMeasured;
    private StartupBench.Result startup;
    private LoginMemory memory;
    private SoakBench.Result soak;
    private String loadAtEnd;
    private double seconds;
    private final List<String> charts = new ArrayList<>();

    public Report(boolean quick, String revision, String date, Map<String, String> machine) {
        this.quick = quick;
        this.revision = revision;
        this.date = date;
        this.machine = machine;
    }

    public Map<String, String> machine() {
        return machine;
    }

    public void http(HttpBench.Result result) {
        http = result;
    }

    public void jmh(JmhRun.Result result) {
        jmh = result;
    }

    public void lifecycle(LifecycleBench.Settings settings, List<LifecycleBench.Run> runs, boolean postgres) {
        lifecycleSettings = settings;
        lifecycle = runs;
        postgresMeasured = postgres;
    }

    public void startup(StartupBench.Result result) {
        startup = result;
    }

    /**
     * Heap per live login ({@code LoginFootprint}): used heap after GC over the logins, the HttpSession registry's share
     * (JOL), the verifier cache's whole size (JOL, bounded), the revocation view's growth per live and per logged-out login.
     */
    public record LoginMemory(int logins, double heapPerLogin, double registryPerLogin, long cacheBytes, double viewPerLiveLogin,
                              double viewPerLoggedOut, String database) {
    }

    public void memory(LoginMemory result) {
        memory = result;
    }

    public void soak(SoakBench.Result result) {
        soak = result;
    }

    public void finish(String load, double seconds) {
        this.loadAtEnd = load;
        this.seconds = seconds;
    }

    // ---------------------------------------------------------------- headlines

    /** The lines printed last: each target, what was measured, and whether it is met. */
    public List<String> headlines() {
        List<String> lines = new ArrayList<>();
        lines.add("== Signoff " + (quick ? "quick " : "") + "benchmark headlines (load average " + machine.get("load average at start")
                + " at start, " + loadAtEnd + " at end) ==");
        if (http != null) {
            List<Double> hs = http.ratios("hs256");
            List<Double> hsCpu = http.extraCpu("hs256");
            lines.add(String.format(Locale.ROOT, "HS256 AuthFilter, repeated token / bare servlet: %s; extra server CPU %s per request   "
                    + "targets >= 0.95x, <= 2 us: %s", ratio(hs), micros(hsCpu), met(Stats.median(hs) >= 0.95 && Stats.median(hsCpu) <= 2)));
            List<Double> hsNew = http.ratios("hs256-new");
            lines.add(String.format(Locale.ROOT, "HS256 AuthFilter, every token new / bare servlet: %s; extra server CPU %s per request   "
                    + "target >= 0.85x: %s", ratio(hsNew), micros(http.extraCpu("hs256-new")), met(Stats.median(hsNew) >= 0.85)));
            for (String[] pair : List.of(new String[] {"hs256", "spring", "repeated token"}, new String[] {"hs256-new", "spring-new", "every token new"})) {
                List<Double> peer = http.ratios(pair[0], pair[1]);
                if (!peer.isEmpty()) {
                    lines.add(String.format(Locale.ROOT, "Signoff / Spring Security req/s, %s: %s   target >= 1.5x on every round: %s",
                            pair[2], ratio(peer), met(Stats.min(peer) >= 1.5)));
                }
            }
            if (!http.of("spring").isEmpty()) {
                lines.add(String.format(Locale.ROOT, "Spring Security (checks no revocation) / bare servlet: repeated token %s, every token "
                        + "new %s; extra server CPU %s and %s per request", ratio(http.ratios("spring")), ratio(http.ratios("spring-new")),
                        micros(http.extraCpu("spring")), micros(http.extraCpu("spring-new"))));
            }
            if (!http.of("wrap").isEmpty()) {
                lines.add(String.format(Locale.ROOT, "A filter that only wraps the request / bare servlet: %s; extra server CPU %s per request",
                        ratio(http.ratios("wrap")), micros(http.extraCpu("wrap"))));
            }
            StringBuilder others = new StringBuilder("Other ratios to bare:");
            for (String v : List.of("rs256", "es256", "eddsa", "db")) {
                others.append(String.format(Locale.ROOT, " %s %s,", v.equals("db") ? "DB-lookup baseline" : shortLabel(v),
                        ratio(http.ratios(v))));
            }
            lines.add(others.substring(0, others.length() - 1));
            double signoffStatements = 0;
            long signoffRequests = 0;
            for (String v : List.of("hs256", "hs256-new", "rs256", "es256", "eddsa")) {
                signoffStatements += http.of(v).stream().mapToLong(HttpBench.Run::statements).sum();
                signoffRequests += http.of(v).stream().mapToLong(r -> r.report().requests()).sum();
            }
            lines.add(String.format(Locale.ROOT, "DB statements per authenticated request: AuthFilter %s (%d statements in %,d requests), "
                            + "DB-lookup baseline %.2f   target 0: %s", fmt(signoffStatements / signoffRequests),
                    (long) signoffStatements, signoffRequests, http.statementsPerRequest("db"), met(signoffStatements == 0)));
        }
        if (jmh != null) {
            JmhRun.Score miss = jmh.find("miss", "revokedIds", "1000000");
            JmhRun.Score hit = jmh.find("hit", "revokedIds", "1000000");
            JmhRun.Footprint footprint = jmh.footprints().stream().filter(f -> f.ids() == 1_000_000).findFirst().orElse(null);
            if (miss != null && hit != null) {
                lines.add(String.format(Locale.ROOT, "Revocation check at 10^6 revoked ids, JMH wall time: %.0f ns valid token, %.0f ns "
                        + "revoked   target < 100 ns: %s", miss.score(), hit.score(), met(Math.max(miss.score(), hit.score()) < 100)));
            }
            if (footprint != null) {
                lines.add(String.format(Locale.ROOT, "Revocation check at 10^6 revoked ids, CPU time: %.0f ns valid token, %.0f ns revoked"
                                + "   target < 100 ns: %s", footprint.cpuValid(), footprint.cpuRevoked(),
                        met(Math.max(footprint.cpuValid(), footprint.cpuRevoked()) < 100)));
            }
            if (footprint != null) {
                lines.add(String.format(Locale.ROOT, "Heap per revoked id at 10^6: %.1f bytes (JOL %.1f)   target < 100 bytes: %s",
                        footprint.heapBytesPerId(), footprint.jolBytesPerId(),
                        met(Math.max(footprint.heapBytesPerId(), footprint.jolBytesPerId()) < 100)));
            }
        }
        if (jmh != null && !jmh.cpuVerify().isEmpty()) {
            JmhRun.CpuVerify hs = jmh.cpu("HS256", "17");
            if (hs != null) {
                lines.add(String.format(Locale.ROOT, "HS256 first verification, CPU time on JDK 17: %.2f us (rounds %.2f-%.2f)   target <= 3 us: %s",
                        hs.median() / 1000, hs.min() / 1000, hs.max() / 1000, met(hs.median() <= 3000)));
            }
            JmhRun.CpuPath repeated = jmh.path("repeated");
            JmhRun.CpuPath fresh = jmh.path("new");
            if (repeated != null && fresh != null) {
                lines.add(String.format(Locale.ROOT, "Signoff's own work per request in process (Bearer header, verifier, revocation view), CPU: "
                                + "repeated token %.2f us (rounds %.2f-%.2f), every token new %.2f us (rounds %.2f-%.2f)", repeated.median() / 1000,
                        repeated.min() / 1000, repeated.max() / 1000, fresh.median() / 1000, fresh.min() / 1000, fresh.max() / 1000));
            }
            StringBuilder asym = new StringBuilder("First verification, CPU time, JDK 17 / JDK 25:");
            for (String algorithm : List.of("RS256", "ES256", "EdDSA")) {
                JmhRun.CpuVerify j17 = jmh.cpu(algorithm, "17");
                JmhRun.CpuVerify j25 = jmh.cpu(algorithm, "25");
                asym.append(String.format(Locale.ROOT, " %s %s / %s,", algorithm, j17 == null ? "—" : String.format(Locale.ROOT, "%.0f us",
                        j17.median() / 1000), j25 == null ? "not measured" : String.format(Locale.ROOT, "%.0f us", j25.median() / 1000)));
            }
            lines.add(asym.substring(0, asym.length() - 1));
        }
        if (memory != null) {
            lines.add(String.format(Locale.ROOT, "Heap per live login at %,d logins (%s): %.0f bytes in all; HttpSession registry %.0f, "
                            + "verifier cache %.1f MB in all (bounded), revocation view %+.1f (a logged-out login: %.0f until its tokens expire)",
                    memory.logins(), memory.database(), memory.heapPerLogin(), memory.registryPerLogin(), memory.cacheBytes() / 1e6,
                    memory.viewPerLiveLogin(), memory.viewPerLoggedOut()));
        }
        if (soak != null) {
            lines.add(String.format(Locale.ROOT, "Soak, %d min at %.0f%% of the mix's peak (%.0f of %.0f operations/s) on %s: %d errors, heap after "
                            + "GC minutes 2-%d within %.1f%%   targets 0 errors, within 10%%: %s", soak.settings().minutes(),
                    soak.settings().load() * 100, soak.offeredPerSecond(), soak.peakPerSecond(), soak.database(), soak.failures(),
                    soak.settings().minutes(), (soak.heapSpread() - 1) * 100, met(soak.failures() == 0 && soak.heapSpread() <= 1.10)));
        }
        if (lifecycle != null) {
            String db = postgresMeasured ? "PostgreSQL" : "H2";
            LifecycleBench.Run paced = lifecycle.stream().filter(r -> r.operation().startsWith("logout ") && r.database().equals(db))
                    .findFirst().orElse(null);
            LifecycleBench.Run logout = lifecycle.stream().filter(r -> r.operation().equals("logout") && r.clients() == 50
                    && r.database().equals(db)).findFirst().orElse(null);
            String verdict = postgresMeasured ? "" : "NOT MEASURED (PostgreSQL unreachable) ";
            if (paced != null) {
                lines.add(String.format(Locale.ROOT, "Logout, %d clients offering %s on %s: p99 %.1f ms, p50 %.1f ms   "
                                + "target p99 < 10 ms on PostgreSQL: %s", paced.clients(), paced.operation().substring(7), db, paced.p99(),
                        paced.p50(), postgresMeasured ? met(paced.p99() < 10) : verdict));
            }
            if (logout != null) {
                lines.add(String.format(Locale.ROOT, "Logout, 50 closed-loop clients (saturation) on %s: %.0f req/s, p99 %.1f ms, p50 %.1f ms"
                                + "   p99 < 10 ms: %s", db, logout.perSecond(), logout.p99(), logout.p50(),
                        postgresMeasured ? met(logout.p99() < 10) + (logout.p99() < 10 ? "" : " (50 waiting clients / throughput)")
                                : verdict));
            }
        }
        if (startup != null) {
            lines.add(String.format(Locale.ROOT, "Start-up, java -jar to first answered request: %.0f ms (median of %d)", startup.median(),
                    startup.firstAnswer().size()));
        }
        return lines;
    }

    /** {@code 0.93x (rounds 0.88-0.97)}: the median and the range of paired ratios. */
    private static String ratio(List<Double> ratios) {
        return String.format(Locale.ROOT, "%.2fx (rounds %.2f-%.2f)", Stats.median(ratios), Stats.min(ratios), Stats.max(ratios));
    }

    /** {@code +1.2 us (rounds +0.5 to +2.0)}: the median and the range of per-round CPU differences. */
    private static String micros(List<Double> values) {
        return String.format(Locale.ROOT, "%+.1f us (rounds %+.1f to %+.1f)", Stats.median(values), Stats.min(values), Stats.max(values));
    }

    private static String met(boolean met) {
        return met ? "MET" : "MISSED";
    }

    private static String fmt(double value) {
        return value == 0 ? "0" : String.format(Locale.ROOT, value < 0.01 ? "%.5f" : "%.3f", value);
    }

    // ---------------------------------------------------------------- writing

    public void write(Path out) throws IOException {
        Path data = Files.createDirectories(out.resolve("data"));
        StringBuilder md = new StringBuilder();
        md.append("# Signoff benchmark results").append(quick ? " (quick run)" : "").append("\n\n");
        md.append(String.format(Locale.ROOT, "Made by `bench/run%s` on %s from revision `%s` in %.0f s. ", quick ? " --quick" : "", date,
                revision, seconds));
        md.append("How each number is measured: [bench/README.md](").append(quick ? "../../README.md" : "../README.md").append(").\n\n");
        md.append("| machine | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("| load average at end | ").append(loadAtEnd).append(" |\n\n");
        md.append("Absolute numbers depend on the machine and on whatever else runs on it; the ratios measured side by side in one ")
                .append("run are what carries over.\n\n");
        md.append("## Targets\n\n```\n");
        headlines().stream().skip(1).forEach(l -> md.append(l).append('\n'));
        md.append("```\n\n");
        if (http != null) {
            writeHttp(md, data, out);
        }
        if (jmh != null) {
            writeJmh(md, data, out);
        }
        if (lifecycle != null) {
            writeLifecycle(md, data, out);
        }
        if (startup != null) {
            writeStartup(md, data);
        }
        if (memory != null) {
            writeMemory(md);
        }
        if (soak != null) {
            writeSoak(md, data, out);
        }
        Files.writeString(out.resolve("README.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private void writeHttp(StringBuilder md, Path data, Path out) throws IOException {
        HttpBench.Settings s = http.settings();
        md.append("## 1. HTTP throughput and latency\n\n");
        md.append(String.format(Locale.ROOT, "One Jetty 12 process (JVM options `%s`) serves every variant side by side; `wrk -t%d -c%d "
                        + "--latency` on loopback with keep-alive, a %d s warm-up per variant, then %d rounds of %d s per variant, the order "
                        + "rotating each round, with a run of the bare servlet before the first variant and after every variant. Every request carries the access token of the next of %,d users logged in through "
                        + "`Signoff.login` (a wrk Lua script; *every token new*: the next of %,d tokens, more than the verifier "
                        + "remembers, so nearly every request is verified in full). Each Signoff context holds %,d revoked session "
                        + "ids and %,d revoked token ids. "
                        + "Database: %s. Ratio: the variant's rate over the mean of the bare servlet's runs just before and just "
                        + "after it (median, and the range over rounds); Signoff over Spring Security: the quotient of their ratios in "
                        + "the same round. Statements: counted by `Database.statementCount()` of each context during its runs.\n\n",
                String.join(" ", HttpBench.SERVER_JVM), s.threads(), s.connections(), s.warmupSeconds(), s.rounds(), s.seconds(),
                HttpBenchServer.USERS, HttpBenchServer.NEW_TOKENS, HttpBenchServer.REVOKED_IDS, HttpBenchServer.REVOKED_IDS, http.database()));
        md.append("| variant | req/s (median) | req/s range | ratio to bare | ratio range | server CPU µs per request (range) "
                + "| extra CPU µs over bare (range) | p50 ms | p99 ms | DB statements per request | requests |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder dat = new StringBuilder("# label median min max ratio p50 p99 cpu cpumin cpumax extra extramin extramax\n");
        for (Map.Entry<String, String> v : HttpBench.VARIANTS.entrySet()) {
            List<HttpBench.Run> runs = http.of(v.getKey());
            List<Double> rates = runs.stream().map(r -> r.report().perSecond()).toList();
            List<Double> ratios = http.ratios(v.getKey());
            double p50 = Stats.median(runs.stream().map(r -> r.report().p50()).toList());
            double p99 = Stats.median(runs.stream().map(r -> r.report().p99()).toList());
            long requests = runs.stream().mapToLong(r -> r.report().requests()).sum();
            long statements = runs.stream().mapToLong(HttpBench.Run::statements).sum();
            String perRequest = v.getKey().equals("bare") ? "—" : String.format(Locale.ROOT, "%s (%d)",
                    fmt(statements / (double) requests), statements);
            if (runs.isEmpty()) {
                continue;
            }
            if (v.getKey().startsWith("spring")) {
                perRequest = "—";
            }
            List<Double> cpu = http.cpuPerRequest(v.getKey());
            List<Double> extra = http.extraCpu(v.getKey());
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f–%.0f | %.2fx | %.2f–%.2f | %.1f (%.1f–%.1f) | %s | %.2f | %.2f | %s | %,d |\n",
                    v.getValue(), Stats.median(rates), Stats.min(rates), Stats.max(rates), Stats.median(ratios), Stats.min(ratios),
                    Stats.max(ratios), Stats.median(cpu), Stats.min(cpu), Stats.max(cpu), v.getKey().equals("bare") ? "—"
                            : String.format(Locale.ROOT, "%+.1f (%+.1f to %+.1f)", Stats.median(extra), Stats.min(extra), Stats.max(extra)),
                    p50, p99, perRequest, requests));
            dat.append(String.format(Locale.ROOT, "\"%s\" %.1f %.1f %.1f %.3f %.3f %.3f %.2f %.2f %.2f %.2f %.2f %.2f\n", shortLabel(v.getKey()),
                    Stats.median(rates), Stats.min(rates), Stats.max(rates), Stats.median(ratios), p50, p99, Stats.median(cpu), Stats.min(cpu),
                    Stats.max(cpu), Stats.median(extra), Stats.min(extra), Stats.max(extra)));
        }
        md.append("\nLatencies are wrk's, medians over rounds; p99 on a loaded 2-core machine mostly shows scheduling. Requests still in "
                + "flight when a wrk run ends are served (and their statements counted) but not counted by wrk, hence a baseline "
                + "slightly above one statement per request.\n\n");
        md.append("Server CPU per request: the server process's CPU time during the run (every thread: Jetty's, the collector's, "
                + "the compiler's) over the requests its servlet answered in that run; *extra* subtracts the mean figure of the bare "
                + "runs around it. Unlike req/s it does not count the time the server waits for a core that wrk or another process "
                + "holds. The Spring Security variants run its resource-server chain over the HS256 context's tokens and check no "
                + "revocation: a logged-out session's token is accepted until it expires.\n\n");
        StringBuilder raw = new StringBuilder("variant,round,requests,req_per_s,p50_ms,p99_ms,socket_errors,db_statements,served,cpu_ns\n");
        for (HttpBench.Run r : http.runs()) {
            raw.append(String.format(Locale.ROOT, "%s,%d,%d,%.1f,%.3f,%.3f,%d,%d,%d,%d\n", r.variant(), r.round(), r.report().requests(),
                    r.report().perSecond(), r.report().p50(), r.report().p99(), r.report().errors(), r.statements(), r.served(), r.cpuNanos()));
        }
        Files.writeString(data.resolve("http-runs.csv"), raw.toString());
        Files.writeString(data.resolve("http.dat"), dat.toString());
        chart(out, "http-throughput", """
                set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
                set output 'http-throughput.png'
                set xtics rotate by -25 offset -1,0
                set bmargin 6
                set title "Requests per second, same servlet (median of rounds; bars: range; label: ratio to bare)"
                set style data histogram
                set style histogram errorbars gap 2 lw 1.5
                set style fill solid 0.75 border -1
                set boxwidth 0.8
                set yrange [0:*]
                set ylabel "requests per second"
                set grid ytics
                set key off
                plot 'data/http.dat' using 2:3:4:xtic(1) lc rgb "#4878a8", \\
                     '' using 0:($2*1.06):(sprintf("%.2fx", $5)) with labels font ",11"
                """);
        chart(out, "http-latency", """
                set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
                set output 'http-latency.png'
                set xtics rotate by -25 offset -1,0
                set bmargin 6
                set title "Latency under the same load (median of rounds)"
                set style data histogram
                set style histogram clustered gap 2
                set style fill solid 0.75 border -1
                set logscale y
                set ylabel "milliseconds (log scale)"
                set grid ytics
                set key top left
                plot 'data/http.dat' using 6:xtic(1) title "p50" lc rgb "#4878a8", '' using 7 title "p99" lc rgb "#d08040"
                """);
        chart(out, "http-cpu", """
                set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
                set output 'http-cpu.png'
                set xtics rotate by -25 offset -1,0
                set bmargin 6
                set title "Server CPU per request (median of rounds; bars: range over rounds)"
                set style data histogram
                set style histogram errorbars gap 2 lw 1.5
                set style fill solid 0.75 border -1
                set boxwidth 0.8
                set yrange [0:*]
                set ylabel "CPU microseconds per request"
                set grid ytics
                set key off
                plot 'data/http.dat' using 8:9:10:xtic(1) lc rgb "#58a058", \\
                     '' using 0:($10+1.5):(sprintf("%.1f", $8)) with labels font ",11"
                """);
        md.append("![throughput](http-throughput.png)\n\n![server CPU per request](http-cpu.png)\n\n![latency](http-latency.png)\n\n");
    }

    private static String shortLabel(String variant) {
        return switch (variant) {
            case "bare" -> "bare servlet";
            case "db" -> "DB lookup";
            case "eddsa" -> "EdDSA";
            case "hs256-new" -> "HS256 new tokens";
            case "spring" -> "Spring HS256";
            case "wrap" -> "wrapping filter";
            case "spring-new" -> "Spring new tokens";
            default -> variant.toUpperCase(Locale.ROOT);
        };
    }

    private void writeJmh(StringBuilder md, Path data, Path out) throws IOException {
        JmhRun.Settings s = jmh.settings();
        md.append("## 2. Revocation check and token verification (JMH)\n\n");
        md.append(String.format(Locale.ROOT, "JMH 1.37, average time, %d fork(s), %d warm-up and %d measured iterations of %d s, heap 2 GB. "
                        + "The revocation check is `RevocationView.isRevoked(token)` as `AuthFilter` calls it, on a view holding the revoked "
                        + "ids (half sessions, half token ids) and 1,000 users logged out everywhere; each call checks the next of "
                        + "1,024 distinct tokens, whose objects stay in the CPU caches as a just-parsed token does. *valid* is a live token (every "
                        + "set searched), *revoked* a token of a revoked session; *out of cache* checks the next of 65,536 valid tokens, so "
                        + "that the token objects and the table slots are mostly not cached: an upper bound including memory latency. JMH "
                        + "reports wall-clock time, which on a busy machine includes the time the thread waits for a core; *CPU ns* is "
                        + "the same check timed by the thread's CPU time (`ThreadMXBean`, median of 5 rounds of 2,000,000 checks over "
                        + "1,024 tokens), which does not.\n\n",
                s.forks(), s.warmups(), s.iterations(), s.seconds()));
        md.append("| revoked ids | valid token, ns | revoked token, ns | valid token, out of cache, ns | CPU ns, valid / revoked "
                + "| heap bytes per id (GC'd heap) | bytes per id (JOL) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder dat = new StringBuilder("# ids miss missErr hit hitErr scattered scatteredErr\n");
        for (String ids : List.of("1000", "100000", "1000000")) {
            JmhRun.Score miss = jmh.find("miss", "revokedIds", ids);
            JmhRun.Score hit = jmh.find("hit", "revokedIds", ids);
            JmhRun.Score scattered = jmh.find("missScattered", "revokedIds", ids);
            JmhRun.Footprint f = jmh.footprints().stream().filter(x -> x.ids() == Integer.parseInt(ids)).findFirst().orElse(null);
            if (miss == null || hit == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s |\n", Integer.parseInt(ids), score(miss), score(hit),
                    scattered == null ? "—" : score(scattered),
                    f == null ? "—" : String.format(Locale.ROOT, "%.1f / %.1f", f.cpuValid(), f.cpuRevoked()),
                    f == null ? "—" : String.format(Locale.ROOT, "%.1f", f.heapBytesPerId()),
                    f == null ? "—" : String.format(Locale.ROOT, "%.1f", f.jolBytesPerId())));
            dat.append(String.format(Locale.ROOT, "%s %.2f %.2f %.2f %.2f %s %s\n", ids, miss.score(), err(miss), hit.score(), err(hit),
                    scattered == null ? "NaN" : String.format(Locale.ROOT, "%.2f", scattered.score()),
                    scattered == null ? "NaN" : String.format(Locale.ROOT, "%.2f", err(scattered))));
        }
        md.append("\nThe heap per id at 1,000 ids is dominated by the fixed cost of the empty tables.\n\n");
        Files.writeString(data.resolve("revocation.dat"), dat.toString());
        chart(out, "revocation", """
                set terminal pngcairo size 900,520 font "DejaVu Sans,11"
                set output 'revocation.png'
                set title "Revocation check per request (JMH, average; bars: 99.9% error)"
                set logscale x
                set xrange [500:2000000]
                set xtics ("10^3" 1000, "10^5" 100000, "10^6" 1000000)
                set xlabel "revoked ids in the view"
                set ylabel "nanoseconds per check"
                set yrange [0:*]
                set grid
                set key top left
                plot 'data/revocation.dat' using 1:2:3 with yerrorlines lw 2 pt 7 title "valid token", \\
                     '' using 1:4:5 with yerrorlines lw 2 pt 5 title "token of a revoked session", \\
                     '' using 1:6:7 with yerrorlines lw 2 pt 9 dt 2 title "valid token, out of cache (upper bound)", \\
                     100 with lines dt 2 lw 2 lc rgb "#c03030" title "target: 100 ns"
                """);
        md.append("![revocation check](revocation.png)\n\n");

        md.append("Token verification (`AccessTokenVerifier.verify`) of a token seen for the first time (parse, pinned algorithm, "
                + "signature, claims), per algorithm; of a token the verifier has verified before (it remembers 8,192: one string "
                + "comparison, then the time checks); and the cryptographic floor of HS256 (one HMAC-SHA256 over the same token's "
                + "signing input with a ready `Mac`):\n\n");
        md.append("| algorithm | µs per verification |\n|---|---:|\n");
        StringBuilder vdat = new StringBuilder("# label us err\n");
        for (String algorithm : Keys.ALGORITHMS) {
            JmhRun.Score score = jmh.find("verify", "algorithm", algorithm);
            if (score != null) {
                md.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f |\n", algorithm, score.score() / 1000, err(score) / 1000));
                vdat.append(String.format(Locale.ROOT, "\"%s\" %.3f %.3f\n", algorithm, score.score() / 1000, err(score) / 1000));
            }
        }
        JmhRun.Score again = jmh.find("verifyAgain", "algorithm", "HS256");
        if (again != null) {
            md.append(String.format(Locale.ROOT, "| a token verified before (any algorithm) | %.3f ± %.3f |\n", again.score() / 1000,
                    err(again) / 1000));
            vdat.append(String.format(Locale.ROOT, "\"seen before\" %.3f %.3f\n", again.score() / 1000, err(again) / 1000));
        }
        JmhRun.Score floor = jmh.find("hmacFloor", "algorithm", "HS256");
        if (floor != null) {
            md.append(String.format(Locale.ROOT, "| HMAC-SHA256 alone | %.2f ± %.2f |\n", floor.score() / 1000, err(floor) / 1000));
            vdat.append(String.format(Locale.ROOT, "\"HMAC floor\" %.3f %.3f\n", floor.score() / 1000, err(floor) / 1000));
        }
        md.append('\n');
        Files.writeString(data.resolve("verify.dat"), vdat.toString());
        chart(out, "verify", """
                set terminal pngcairo size 900,520 font "DejaVu Sans,11"
                set output 'verify.png'
                set title "Access-token verification (JMH, average; log scale)"
                set xtics rotate by -15
                set style data histogram
                set style histogram errorbars gap 2 lw 1.5
                set style fill solid 0.75 border -1
                set logscale y
                set ylabel "microseconds per token"
                set grid ytics
                set key off
                plot 'data/verify.dat' using 2:3:xtic(1) lc rgb "#4878a8", '' using 0:($2*1.4):(sprintf("%.2f", $2)) with labels
                """);
        md.append("![verification](verify.png)\n\n");
        if (!jmh.cpuVerify().isEmpty()) {
            md.append("The same first verification timed by the thread's CPU time (`VerifyCpuTime`: a verifier without cache verifying the "
                    + "next of 1,024 distinct tokens, median and range of 7 rounds), which a busy machine inflates less than the wall "
                    + "clock, on JDK 17 and on JDK 25 side by side:\n\n");
            List<String> jdks = jmh.cpuVerify().stream().map(JmhRun.CpuVerify::jdk).distinct().toList();
            md.append("| algorithm |");
            jdks.forEach(j -> md.append(" JDK ").append(j).append(", µs (range) |"));
            md.append("\n|---|").append("---:|".repeat(jdks.size())).append('\n');
            for (String algorithm : Keys.ALGORITHMS) {
                md.append("| ").append(algorithm).append(" |");
                for (String jdk : jdks) {
                    JmhRun.CpuVerify c = jmh.cpuVerify().stream().filter(x -> x.algorithm().equals(algorithm) && x.jdk().equals(jdk))
                            .findFirst().orElse(null);
                    md.append(c == null ? " — |" : String.format(Locale.ROOT, " %.2f (%.2f–%.2f) |", c.median() / 1000, c.min() / 1000,
                            c.max() / 1000));
                }
                md.append('\n');
            }
            md.append('\n');
        }
        if (!jmh.cpuPath().isEmpty()) {
            md.append("Signoff's own work on an authenticated request, in process and by CPU time (`RequestPathCpuTime`: the Bearer "
                    + "header read by `BearerTokenResolver`, then `Authenticator.authenticate`: verifier and revocation view, in a Signoff "
                    + "context started as a web application; the request is a proxy, whose reflective call is counted too):\n\n");
            md.append("| token | µs per request (range over 7 rounds) |\n|---|---:|\n");
            for (JmhRun.CpuPath p : jmh.cpuPath()) {
                md.append(String.format(Locale.ROOT, "| %s | %.2f (%.2f–%.2f) |\n", p.name().equals("new")
                        ? "every token new (the next of 65,536)" : "repeated (the next of 1,024, each verified before)", p.median() / 1000,
                        p.min() / 1000, p.max() / 1000));
            }
            md.append('\n');
        }
    }

    private static String score(JmhRun.Score score) {
        return String.format(Locale.ROOT, "%.1f ± %.1f", score.score(), err(score));
    }

    private static double err(JmhRun.Score score) {
        return Double.isNaN(score.error()) ? 0 : score.error();
    }

    private void writeLifecycle(StringBuilder md, Path data, Path out) throws IOException {
        md.append("## 3. Logout and refresh\n\n");
        md.append(String.format(Locale.ROOT, "The executable war (`java -Xmx512m -jar target/signoff.war --db ...`, default settings, "
                + "built-in pool of 16 connections) against a new database; the client (JDK HttpClient, keep-alive) runs on the same "
                + "machine. Each client sends its next request as soon as the previous one is answered (closed loop), so with N clients "
                + "the latency is about N / throughput. Logout: %,d logouts per run of sessions made beforehand by logging in "
                + "(`POST /auth/logout` with the access token: revocation in memory, then one transaction). Refresh: each client rotates "
                + "its own refresh token for %d s (`POST /auth/refresh`: one transaction with a row lock). A warm-up at 8 clients comes "
                + "first. Paced (*logout N/s*): %d clients together offer N logouts per second on a fixed schedule, latency counted from "
                + "each request's scheduled time: the latency at that load rather than at saturation.%s\n\n", lifecycleSettings.logouts(),
                lifecycleSettings.refreshSeconds(), lifecycleSettings.pacedClients(),
                postgresMeasured ? "" : " **PostgreSQL was not reachable: H2 only.**"));
        md.append("| database | operation | clients | req/s | p50 ms | p99 ms | requests | failed |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (LifecycleBench.Run r : lifecycle) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %,d | %d |\n", r.database(), r.operation(), r.clients(),
                    r.perSecond(), r.p50(), r.p99(), r.operations(), r.failures()));
        }
        md.append('\n');
        StringBuilder dat = new StringBuilder("# clients h2_logout_rps h2_refresh_rps pg_logout_rps pg_refresh_rps "
                + "h2_logout_p99 h2_refresh_p99 pg_logout_p99 pg_refresh_p99\n");
        for (int clients : lifecycleSettings.clients()) {
            dat.append(clients);
            for (String metric : List.of("rps", "p99")) {
                for (String db : List.of("H2", "PostgreSQL")) {
                    for (String op : List.of("logout", "refresh")) {
                        LifecycleBench.Run r = lifecycle.stream().filter(x -> x.clients() == clients && x.database().equals(db)
                                && x.operation().equals(op)).findFirst().orElse(null);
                        dat.append(' ').append(r == null ? "NaN" : String.format(Locale.ROOT, "%.3f",
                                metric.equals("rps") ? r.perSecond() : r.p99()));
                    }
                }
            }
            dat.append('\n');
        }
        Files.writeString(data.resolve("lifecycle.dat"), dat.toString());
        StringBuilder csv = new StringBuilder("database,operation,clients,requests,seconds,req_per_s,p50_ms,p99_ms,failed\n");
        for (LifecycleBench.Run r : lifecycle) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.3f,%.1f,%.3f,%.3f,%d\n", r.database(), r.operation(), r.clients(),
                    r.operations(), r.seconds(), r.perSecond(), r.p50(), r.p99(), r.failures()));
        }
        Files.writeString(data.resolve("lifecycle.csv"), csv.toString());
        chart(out, "lifecycle", """
                set terminal pngcairo size 1200,520 font "DejaVu Sans,11"
                set output 'lifecycle.png'
                set multiplot layout 1,2 title "Logout and refresh against the executable war (closed loop)"
                set logscale x
                set xtics (1, 8, 50)
                set xrange [0.8:64]
                set xlabel "concurrent clients"
                set grid
                set key top left
                set title "throughput"
                set ylabel "requests per second"
                set yrange [0:*]
                plot 'data/lifecycle.dat' using 1:2 with linespoints lw 2 pt 7 title "H2 logout", \\
                     '' using 1:3 with linespoints lw 2 pt 5 title "H2 refresh", \\
                     '' using 1:4 with linespoints lw 2 pt 7 dt 2 title "PostgreSQL logout", \\
                     '' using 1:5 with linespoints lw 2 pt 5 dt 2 title "PostgreSQL refresh"
                set title "p99 latency"
                set ylabel "milliseconds (log scale)"
                set logscale y
                set yrange [1:*]
                plot 'data/lifecycle.dat' using 1:6 with linespoints lw 2 pt 7 title "H2 logout", \\
                     '' using 1:7 with linespoints lw 2 pt 5 title "H2 refresh", \\
                     '' using 1:8 with linespoints lw 2 pt 7 dt 2 title "PostgreSQL logout", \\
                     '' using 1:9 with linespoints lw 2 pt 5 dt 2 title "PostgreSQL refresh", \\
                     10 with lines dt 3 lw 2 lc rgb "#c03030" title "target: logout p99 10 ms"
                unset multiplot
                """);
        md.append("![logout and refresh](lifecycle.png)\n\n");
    }

    private void writeStartup(StringBuilder md, Path data) throws IOException {
        md.append("## 4. Start-up\n\n");
        md.append(String.format(Locale.ROOT, "From starting `java -Xmx512m -jar target/signoff.war --db <new H2 file>` to the first answered "
                        + "request (`GET /api/me`, polled every 5 ms): **%.0f ms** median of %d starts (range %.0f–%.0f ms); the `Signoff "
                        + "listening on` line came after %.0f ms (median). Each start creates the schema in a new database.\n\n",
                startup.median(), startup.firstAnswer().size(), Stats.min(startup.firstAnswer()), Stats.max(startup.firstAnswer()),
                Stats.median(startup.listening())));
        StringBuilder csv = new StringBuilder("start,first_answer_ms,listening_line_ms\n");
        for (int i = 0; i < startup.firstAnswer().size(); i++) {
            csv.append(String.format(Locale.ROOT, "%d,%.1f,%.1f\n", i + 1, startup.firstAnswer().get(i), startup.listening().get(i)));
        }
        Files.writeString(data.resolve("startup.csv"), csv.toString());
    }

    private void writeMemory(StringBuilder md) {
        md.append("## 5. Heap per live login\n\n");
        md.append(String.format(Locale.ROOT, "`LoginFootprint`: a Signoff context started as a web application is (Jetty, `SignoffListener`, "
                + "%s), then %,d logins through `Signoff.login`, each one's access token verified once (its first request) and each "
                + "followed by the HttpSession registry as a login kept in an HttpSession is. Used heap after full collections before "
                + "and after, less what the measuring program itself holds (the tokens, the stand-in sessions); the parts walked by "
                + "JOL.\n\n", memory.database(), memory.logins()));
        md.append("| what | bytes |\n|---|---:|\n");
        md.append(String.format(Locale.ROOT, "| heap per live login, everything the node keeps (the JPA provider's caches included) | %.0f |\n",
                memory.heapPerLogin()));
        md.append(String.format(Locale.ROOT, "| HttpSession registry, per login kept in an HttpSession (the sessions themselves are the "
                + "container's) | %.0f |\n", memory.registryPerLogin()));
        md.append(String.format(Locale.ROOT, "| verifier cache, in all: bounded at %,d tokens whatever the number of logins | %,d |\n",
                dev.signoff.token.AccessTokenVerifier.DEFAULT_CACHE_SIZE, memory.cacheBytes()));
        md.append(String.format(Locale.ROOT, "| revocation view, per live login | %+.1f |\n", memory.viewPerLiveLogin()));
        md.append(String.format(Locale.ROOT, "| revocation view, per logged-out login, until its last access token expires | %.0f |\n\n",
                memory.viewPerLoggedOut()));
    }

    private void writeSoak(StringBuilder md, Path data, Path out) throws IOException {
        SoakBench.Settings s = soak.settings();
        md.append("## 6. Soak\n\n");
        md.append(String.format(Locale.ROOT, "The executable war on %s (`-Xmx512m`, access tokens of %s so that the revocation view "
                        + "reaches its steady size within the soak), %d clients. Each client logs in, sends %d authenticated requests "
                        + "(`GET /api/me`), refreshes, and so on %d times, then logs out and logs in again. The mix's peak, closed loop "
                        + "for %d s: **%.0f operations/s**; the soak then offers %.0f%% of it (%.0f/s) on a fixed schedule for %d minutes. "
                        + "Heap: the live objects that `jcmd GC.class_histogram` counts after its full collection, at the end of "
                        + "every minute. **%d errors**; heap after GC from minute 2 to minute %d within %.1f%% (highest over lowest).%s\n\n",
                soak.database(), SoakBench.TOKEN_TTL_TEXT, s.clients(), SoakBench.REQUESTS_PER_REFRESH, SoakBench.REFRESHES_PER_LOGIN,
                s.peakSeconds(), soak.peakPerSecond(), s.load() * 100, soak.offeredPerSecond(), s.minutes(), soak.failures(), s.minutes(),
                (soak.heapSpread() - 1) * 100, soak.failureSample().isEmpty() ? "" : " First failure: `" + soak.failureSample()
                        .replace('`', '\'').replace('\n', ' ') + "`"));
        md.append("| minute | heap after GC, MiB | requests | refreshes | logins | logouts | failed | p50 ms | p99 ms |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder dat = new StringBuilder("# minute heap_mib operations_per_s p50 p99\n");
        StringBuilder csv = new StringBuilder("minute,heap_mib,requests,refreshes,logins,logouts,failed,p50_ms,p99_ms\n");
        for (SoakBench.Minute m : soak.minutes()) {
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %,d | %,d | %,d | %,d | %d | %.2f | %.2f |\n", m.minute(), m.heapMiB(), m.requests(),
                    m.refreshes(), m.logins(), m.logouts(), m.failures(), m.p50(), m.p99()));
            dat.append(String.format(Locale.ROOT, "%d %.2f %.1f %.3f %.3f\n", m.minute(), m.heapMiB(), m.operations() / 60.0, m.p50(), m.p99()));
            csv.append(String.format(Locale.ROOT, "%d,%.2f,%d,%d,%d,%d,%d,%.3f,%.3f\n", m.minute(), m.heapMiB(), m.requests(), m.refreshes(),
                    m.logins(), m.logouts(), m.failures(), m.p50(), m.p99()));
        }
        md.append('\n');
        writeSoakClasses(md, data);
        Files.writeString(data.resolve("soak.dat"), dat.toString());
        Files.writeString(data.resolve("soak.csv"), csv.toString());
        chart(out, "soak", """
                set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
                set output 'soak.png'
                set title "Soak: heap after a full GC and operations per second, minute by minute"
                set xlabel "minute"
                set ylabel "heap after GC, MiB"
                set y2label "operations per second"
                set yrange [0:*]
                set y2range [0:*]
                set ytics nomirror
                set y2tics
                set grid
                set key bottom right
                plot 'data/soak.dat' using 1:2 with linespoints lw 2 pt 7 title "heap after GC (MiB)", \\
                     '' using 1:3 axes x1y2 with linespoints lw 2 pt 5 dt 2 title "operations/s"
                """);
        md.append("![soak](soak.png)\n\n");
    }

    /**
     * The classes whose live bytes moved most between minute 2 and the last minute, and every class's bytes minute by
     * minute in {@code data/soak-classes.csv}: what the heap's spread is made of.
     */
    private void writeSoakClasses(StringBuilder md, Path data) throws IOException {
        List<SoakBench.Minute> minutes = soak.minutes().stream().filter(m -> m.minute() >= 2).toList();
        Set<String> classes = new TreeSet<>();
        soak.minutes().forEach(m -> classes.addAll(m.heap().bytesByClass().keySet()));
        StringBuilder csv = new StringBuilder("class");
        soak.minutes().forEach(m -> csv.append(",minute_").append(m.minute()));
        csv.append('\n');
        record Moved(String name, long low, long high, long first, long last) {
            long range() {
                return high - low;
            }
        }
        List<Moved> moved = new ArrayList<>();
        for (String name : classes) {
            csv.append(name.replace(',', ';'));
            soak.minutes().forEach(m -> csv.append(',').append(m.heap().bytesByClass().getOrDefault(name, 0L)));
            csv.append('\n');
            long[] bytes = minutes.stream().mapToLong(m -> m.heap().bytesByClass().getOrDefault(name, 0L)).toArray();
            if (bytes.length > 0) {
                moved.add(new Moved(name, Arrays.stream(bytes).min().orElseThrow(), Arrays.stream(bytes).max().orElseThrow(),
                        bytes[0], bytes[bytes.length - 1]));
            }
        }
        Files.writeString(data.resolve("soak-classes.csv"), csv.toString());
        if (moved.isEmpty()) {
            return;
        }
        moved.sort(Comparator.comparingLong(Moved::range).reversed());
        SoakBench.Minute first = minutes.get(0);
        SoakBench.Minute last = minutes.get(minutes.size() - 1);
        md.append(String.format(Locale.ROOT, "The classes whose live bytes moved most from minute %d to minute %d (every class, minute by "
                + "minute: `data/soak-classes.csv`):\n\n", first.minute(), last.minute()));
        md.append(String.format(Locale.ROOT, "| class | lowest KiB | highest KiB | minute %d KiB | minute %d KiB |\n", first.minute(),
                last.minute()));
        md.append("|---|---:|---:|---:|---:|\n");
        for (Moved m : moved.subList(0, Math.min(12, moved.size()))) {
            md.append(String.format(Locale.ROOT, "| `%s` | %,.0f | %,.0f | %,.0f | %,.0f |\n", m.name(), m.low() / 1024.0,
                    m.high() / 1024.0, m.first() / 1024.0, m.last() / 1024.0));
        }
        md.append('\n');
    }

    private void chart(Path out, String name, String script) throws IOException {
        Path file = out.resolve("data").resolve(name + ".gp");
        Files.writeString(file, script);
        try {
            Processes.run(List.of("gnuplot", "-e", "cd '" + out.toAbsolutePath() + "'", file.toAbsolutePath().toString()), 120);
            charts.add(name + ".png");
        } catch (IOException e) {
            System.err.println("chart " + name + " failed: " + e.getMessage());
        }
    }
}
