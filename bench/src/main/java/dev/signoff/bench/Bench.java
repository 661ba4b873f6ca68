package dev.signoff.bench;

import dev.signoff.bench.http.HttpBench;
import dev.signoff.bench.jmh.JmhRun;
import dev.signoff.bench.lifecycle.LifecycleBench;
import dev.signoff.bench.lifecycle.SoakBench;
import dev.signoff.bench.memory.LoginFootprint;
import dev.signoff.bench.lifecycle.StartupBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs Signoff's benchmarks and writes the results ({@code README.md}, PNG charts, raw data) into one directory.
 *
 * <pre>
 * Bench --war PATH --out DIR --work DIR [--quick] [--only http,jmh,memory,lifecycle,startup,soak] [--jfr FILE] [--revision TEXT]
 * </pre>
 *
 * {@code --jfr} records the HTTP benchmark's server with Java Flight Recorder, for profiling. The soak runs in full
 * runs only.
 */
public final class Bench {

    private Bench() {
    }

    private static void phase(String name, long started) {
        System.out.printf("%s  (at %.0f s; load average %s)%n", name, (System.nanoTime() - started) / 1e9, Machine.loadAverage());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                options.put("quick", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        boolean quick = options.containsKey("quick");
        Path war = Path.of(options.get("war"));
        Path out = Files.createDirectories(Path.of(options.get("out")));
        Path work = Files.createDirectories(Path.of(options.get("work")));
        Set<String> only = Set.of(options.getOrDefault("only", "http,jmh,memory,lifecycle,startup,soak").split(","));
        String classpath = System.getProperty("java.class.path");
        long started = System.nanoTime();

        String pgVersion = Postgres.version();
        String database = pgVersion != null ? "PostgreSQL " + pgVersion + " on 127.0.0.1:5432"
                : "H2 (PostgreSQL on 127.0.0.1:5432 is not reachable)";
        Report report = new Report(quick, options.getOrDefault("revision", "unknown"),
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), Machine.describe(database));
        System.out.println("Signoff benchmarks (" + (quick ? "quick" : "full") + ") on " + report.machine().get("CPU")
                + "; load average " + Machine.loadAverage());

        if (only.contains("http")) {
            phase("1. HTTP throughput and latency", started);
            HttpBench.Settings settings = quick ? new HttpBench.Settings(2, 32, 3, 6, 3, options.get("jfr"))
                    : new HttpBench.Settings(2, 32, 10, 7, 5, options.get("jfr"));
            String url;
            String user = null;
            if (pgVersion != null) {
                url = Postgres.fresh("signoff_bench");
                user = Postgres.USER;
            } else {
                Path h2 = Files.createDirectories(work.resolve("http-h2"));
                url = "jdbc:h2:file:" + h2.resolve("signoff");
            }
            try {
                report.http(HttpBench.run(settings, Files.createDirectories(work.resolve("http")), url, user, classpath));
            } finally {
                if (pgVersion != null) {
                    Postgres.drop("signoff_bench");
                }
            }
        }
        if (only.contains("jmh")) {
            phase("2. Revocation check, token verification (JMH) and heap per revoked id", started);
            JmhRun.Settings settings = quick ? new JmhRun.Settings(1, 1, 2, 1, true) : new JmhRun.Settings(2, 5, 5, 2, false);
            report.jmh(JmhRun.run(settings, classpath, Files.createDirectories(out.resolve("data"))));
        }
        if (only.contains("memory")) {
            int logins = quick ? 10_000 : 100_000;
            phase("5. Heap per live login at " + logins + " logins", started);
            String url;
            String user = null;
            if (pgVersion != null) {
                url = Postgres.fresh("signoff_bench_memory");
                user = Postgres.USER;
            } else {
                url = "jdbc:h2:file:" + Files.createDirectories(work.resolve("memory-h2")).resolve("signoff");
            }
            try {
                List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx2g", "-Djdk.attach.allowAttachSelf=true", "-cp",
                        classpath, LoginFootprint.class.getName(), Integer.toString(logins),
                        Files.createDirectories(work.resolve("memory")).toString(), url));
                if (user != null) {
                    command.add(user);
                }
                String text = Processes.run(command, 3600);
                text.lines().filter(l -> l.startsWith("footprint-login ")).findFirst().ifPresent(line -> {
                    String[] p = line.split(" ");
                    Report.LoginMemory m = new Report.LoginMemory(Integer.parseInt(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3]),
                            Long.parseLong(p[4]), Double.parseDouble(p[5]), Double.parseDouble(p[6]), pgVersion != null ? "PostgreSQL" : "H2");
                    System.out.printf("  %,d logins: %.0f heap bytes per login; HttpSession registry %.0f; verifier cache %,d bytes in all; "
                            + "revocation view %+.1f per live login, %.0f per logged-out login%n", m.logins(), m.heapPerLogin(),
                            m.registryPerLogin(), m.cacheBytes(), m.viewPerLiveLogin(), m.viewPerLoggedOut());
                    report.memory(m);
                });
            } finally {
                if (pgVersion != null) {
                    Postgres.drop("signoff_bench_memory");
                }
            }
        }
        if (only.contains("lifecycle")) {
            phase("3. Logout and refresh", started);
            LifecycleBench.Settings settings = quick ? new LifecycleBench.Settings(List.of(1, 8, 50), 200, 1, 50, 100)
                    : new LifecycleBench.Settings(List.of(1, 8, 50), 3000, 10, 50, 100);
            List<LifecycleBench.Run> runs = new ArrayList<>();
            if (!quick || pgVersion == null) {
                Path h2 = Files.createDirectories(work.resolve("lifecycle-h2"));
                runs.addAll(LifecycleBench.run(settings, war, "H2", "jdbc:h2:file:" + h2.resolve("signoff"), null,
                        work.resolve("lifecycle-h2.log")));
            }
            if (pgVersion != null) {
                try {
                    runs.addAll(LifecycleBench.run(settings, war, "PostgreSQL", Postgres.fresh("signoff_bench_lifecycle"),
                            Postgres.USER, work.resolve("lifecycle-postgresql.log")));
                } finally {
                    Postgres.drop("signoff_bench_lifecycle");
                }
            } else {
                System.out.println("  PostgreSQL is not reachable on 127.0.0.1:5432: logout and refresh are measured on H2 only");
            }
            report.lifecycle(settings, runs, pgVersion != null);
        }
        if (only.contains("startup")) {
            phase("4. Start-up", started);
            report.startup(StartupBench.run(war, quick ? 3 : 7, work));
        }
        if (only.contains("soak") && !quick) {
            SoakBench.Settings settings = new SoakBench.Settings(16, 20, 0.70,
                    Integer.parseInt(options.getOrDefault("soak-minutes", "10")));
            phase("6. Soak: " + settings.minutes() + " minutes at 70% of the mix's peak", started);
            if (pgVersion != null) {
                try {
                    report.soak(SoakBench.run(settings, war, "PostgreSQL", Postgres.fresh("signoff_bench_soak"), Postgres.USER,
                            work.resolve("soak-postgresql.log")));
                } finally {
                    Postgres.drop("signoff_bench_soak");
                }
            } else {
                System.out.println("  PostgreSQL is not reachable on 127.0.0.1:5432: the soak runs on H2");
                report.soak(SoakBench.run(settings, war, "H2", "jdbc:h2:file:" + Files.createDirectories(work.resolve("soak-h2"))
                        .resolve("signoff"), null, work.resolve("soak-h2.log")));
            }
        }
        report.finish(Machine.loadAverage(), (System.nanoTime() - started) / 1e9);
        report.write(out);
        System.out.println();
        System.out.println("Results: " + out.resolve("README.md"));
        report.headlines().forEach(System.out::println);
    }
}
