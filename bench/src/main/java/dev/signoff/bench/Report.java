package dev.signoff.bench;

import dev.signoff.bench.http.HttpBench;
import dev.signoff.bench.http.HttpBenchServer;
import dev.signoff.bench.jmh.JmhRun;
import dev.signoff.bench.lifecycle.LifecycleBench;
import dev.signoff.bench.lifecycle.StartupBench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
            lines.add(String.format(Locale.ROOT, "HS256 AuthFilter / bare servlet: %.2fx (rounds %.2f-%.2f)   target >= 0.90x: %s",
                    Stats.median(hs), Stats.min(hs), Stats.max(hs), met(Stats.median(hs) >= 0.90)));
            StringBuilder others = new StringBuilder("Other ratios to bare:");
            for (String v : List.of("hs256-new", "rs256", "es256", "eddsa", "db")) {
                others.append(String.format(Locale.ROOT, " %s %.2fx,", v.equals("db") ? "DB-lookup baseline" : shortLabel(v),
                        Stats.median(http.ratios(v))));
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
        Files.writeString(out.resolve("README.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private void writeHttp(StringBuilder md, Path data, Path out) throws IOException {
        HttpBench.Settings s = http.settings();
        md.append("## 1. HTTP throughput and latency\n\n");
        md.append(String.format(Locale.ROOT, "One Jetty 12 process (JVM options `%s`) serves every variant side by side; `wrk -t%d -c%d "
                        + "--latency` on loopback with keep-alive, a %d s warm-up per variant, then %d rounds of %d s per variant, the order "
                        + "rotating each round. Every request carries the access token of the next of %,d users logged in through "
                        + "`Signoff.login` (a wrk Lua script; *every token new*: the next of %,d tokens, more than the verifier "
                        + "remembers, so nearly every request is verified in full). Each Signoff context holds %,d revoked session "
                        + "ids and %,d revoked token ids. "
                        + "Database: %s. Ratio: the variant's rate over the bare servlet's in the same round (median, and the range "
                        + "over rounds). Statements: counted by `Database.statementCount()` of each context during its runs.\n\n",
                String.join(" ", HttpBench.SERVER_JVM), s.threads(), s.connections(), s.warmupSeconds(), s.rounds(), s.seconds(),
                HttpBenchServer.USERS, HttpBenchServer.NEW_TOKENS, HttpBenchServer.REVOKED_IDS, HttpBenchServer.REVOKED_IDS, http.database()));
        md.append("| variant | req/s (median) | req/s range | ratio to bare | ratio range | p50 ms | p99 ms | DB statements per request | requests |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder dat = new StringBuilder("# label median min max ratio p50 p99\n");
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
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f–%.0f | %.2fx | %.2f–%.2f | %.2f | %.2f | %s | %,d |\n", v.getValue(),
                    Stats.median(rates), Stats.min(rates), Stats.max(rates), Stats.median(ratios), Stats.min(ratios), Stats.max(ratios),
                    p50, p99, perRequest, requests));
            dat.append(String.format(Locale.ROOT, "\"%s\" %.1f %.1f %.1f %.3f %.3f %.3f\n", shortLabel(v.getKey()), Stats.median(rates),
                    Stats.min(rates), Stats.max(rates), Stats.median(ratios), p50, p99));
        }
        md.append("\nLatencies are wrk's, medians over rounds; p99 on a loaded 2-core machine mostly shows scheduling. Requests still in "
                + "flight when a wrk run ends are served (and their statements counted) but not counted by wrk, hence a baseline "
                + "slightly above one statement per request.\n\n");
        StringBuilder raw = new StringBuilder("variant,round,requests,req_per_s,p50_ms,p99_ms,socket_errors,db_statements\n");
        for (HttpBench.Run r : http.runs()) {
            raw.append(String.format(Locale.ROOT, "%s,%d,%d,%.1f,%.3f,%.3f,%d,%d\n", r.variant(), r.round(), r.report().requests(),
                    r.report().perSecond(), r.report().p50(), r.report().p99(), r.report().errors(), r.statements()));
        }
        Files.writeString(data.resolve("http-runs.csv"), raw.toString());
        Files.writeString(data.resolve("http.dat"), dat.toString());
        chart(out, "http-throughput", """
                set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
                set output 'http-throughput.png'
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
        md.append("![throughput](http-throughput.png)\n\n![latency](http-latency.png)\n\n");
    }

    private static String shortLabel(String variant) {
        return switch (variant) {
            case "bare" -> "bare servlet";
            case "db" -> "DB lookup";
            case "eddsa" -> "EdDSA";
            case "hs256-new" -> "HS256 new tokens";
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
