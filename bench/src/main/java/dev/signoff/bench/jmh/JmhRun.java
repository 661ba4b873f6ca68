package dev.signoff.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.bench.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Benchmark 2: the JMH benchmarks of this package in their own JVMs ({@code org.openjdk.jmh.Main}), and the footprint. */
public final class JmhRun {

    /** How long JMH measures: forks, warm-up and measurement iterations of {@code seconds} each. */
    public record Settings(int forks, int warmups, int iterations, int seconds, boolean quick) {
    }

    /** One JMH score: {@code score ± error} in {@code unit}; params as JMH reports them. */
    public record Score(String benchmark, Map<String, String> params, double score, double error, String unit) {

        public String param(String name) {
            return params.get(name);
        }
    }

    /** A heap measurement: bytes per revoked id, by used heap after GC and by JOL. */
    public record Footprint(int ids, double heapBytesPerId, double jolBytesPerId, double cpuValid, double cpuRevoked) {
    }

    /** A first verification timed by CPU time ({@link VerifyCpuTime}) on one JDK: median and range over rounds, in ns. */
    public record CpuVerify(String algorithm, String jdk, double median, double min, double max) {
    }

    /** The JDKs the first verifications are compared on: this one, and Temurin 25 where it is installed. */
    public static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    /** Signoff's own work on a request ({@link RequestPathCpuTime}), CPU ns: repeated token and every token new. */
    public record CpuPath(String name, double median, double min, double max) {
    }

    public record Result(Settings settings, List<Score> scores, List<Footprint> footprints, List<CpuVerify> cpuVerify,
                         List<CpuPath> cpuPath) {

        public CpuPath path(String name) {
            return cpuPath.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        }

        public CpuVerify cpu(String algorithm, String jdkPrefix) {
            return cpuVerify.stream().filter(c -> c.algorithm().equals(algorithm) && c.jdk().startsWith(jdkPrefix)).findFirst()
                    .orElse(null);
        }

        public Score find(String method, String param, String value) {
            return scores.stream().filter(s -> s.benchmark().endsWith("." + method) && value.equals(s.param(param))).findFirst()
                    .orElse(null);
        }
    }

    private JmhRun() {
    }

    public static Result run(Settings settings, String classpath, Path out) throws IOException {
        List<Score> scores = new ArrayList<>();
        if (settings.quick()) {
            scores.addAll(jmh(settings, classpath, out.resolve("jmh-revocation.json"), RevocationCheckBenchmark.class.getName()
                    + ".(hit|miss)$", "-p", "revokedIds=1000000"));
        } else {
            scores.addAll(jmh(settings, classpath, out.resolve("jmh-revocation.json"), RevocationCheckBenchmark.class.getName()));
        }
        scores.addAll(jmh(settings, classpath, out.resolve("jmh-verify.json"), TokenVerifyBenchmark.class.getName() + ".verify$"));
        scores.addAll(jmh(settings, classpath, out.resolve("jmh-hmac.json"), TokenVerifyBenchmark.class.getName() + ".(hmacFloor|verifyAgain)$",
                "-p", "algorithm=HS256"));
        List<Footprint> footprints = new ArrayList<>();
        String text = Processes.run(List.of(Processes.java(), "-Xmx2g", "-Djdk.attach.allowAttachSelf=true", "-cp", classpath,
                RevocationFootprint.class.getName(), "1000", "100000", "1000000"), 600);
        for (String line : text.lines().toList()) {
            if (line.startsWith("footprint ")) {
                String[] parts = line.split(" ");
                Footprint f = new Footprint(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3]),
                        Double.parseDouble(parts[4]), Double.parseDouble(parts[5]));
                footprints.add(f);
                System.out.printf("  %,9d revoked ids: %.1f heap bytes per id (JOL: %.1f); CPU per check %.1f ns valid, %.1f ns revoked%n",
                        f.ids(), f.heapBytesPerId(), f.jolBytesPerId(), f.cpuValid(), f.cpuRevoked());
            }
        }
        List<CpuVerify> cpu = new ArrayList<>();
        List<String> jdks = new ArrayList<>(List.of(Processes.java()));
        if (java.nio.file.Files.isExecutable(JDK_25)) {
            jdks.add(JDK_25.toString());
        } else {
            System.out.println("  " + JDK_25 + " is not installed: first verifications on this JDK only");
        }
        for (String java : jdks) {
            String timed = Processes.run(List.of(java, "-Xmx1g", "-cp", classpath, VerifyCpuTime.class.getName(),
                    settings.quick() ? "quick" : "full"), 1200);
            for (String line : timed.lines().filter(l -> l.startsWith("cpu-verify ")).toList()) {
                String[] parts = line.split(" ");
                CpuVerify c = new CpuVerify(parts[1], parts[5], Double.parseDouble(parts[2]), Double.parseDouble(parts[3]),
                        Double.parseDouble(parts[4]));
                cpu.add(c);
                System.out.printf("  first verification %-5s on JDK %-8s %9.2f us CPU (rounds %.2f-%.2f)%n", c.algorithm(), c.jdk(),
                        c.median() / 1000, c.min() / 1000, c.max() / 1000);
            }
        }
        List<CpuPath> path = new ArrayList<>();
        String paths = Processes.run(List.of(Processes.java(), "-Xmx1g", "-cp", classpath, RequestPathCpuTime.class.getName()), 1200);
        for (String line : paths.lines().filter(l -> l.startsWith("cpu-path ")).toList()) {
            String[] parts = line.split(" ");
            CpuPath p = new CpuPath(parts[1], Double.parseDouble(parts[2]), Double.parseDouble(parts[3]), Double.parseDouble(parts[4]));
            path.add(p);
            System.out.printf("  request path in process, %-8s token: %.2f us CPU (rounds %.2f-%.2f)%n", p.name(), p.median() / 1000,
                    p.min() / 1000, p.max() / 1000);
        }
        return new Result(settings, scores, footprints, cpu, path);
    }

    private static List<Score> jmh(Settings settings, String classpath, Path json, String include, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-cp", classpath, "org.openjdk.jmh.Main", include,
                "-f", Integer.toString(settings.forks()), "-wi", Integer.toString(settings.warmups()), "-w", settings.seconds() + "s",
                "-i", Integer.toString(settings.iterations()), "-r", settings.seconds() + "s", "-jvmArgs", "-Xms2g -Xmx2g",
                "-rf", "json", "-rff", json.toString()));
        command.addAll(List.of(extra));
        String output = Processes.run(command, 3600);
        output.lines().filter(l -> l.contains("avgt")).forEach(l -> System.out.println("  " + l.trim()));
        List<Score> scores = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(json.toFile())) {
            Map<String, String> params = new LinkedHashMap<>();
            if (node.has("params")) {
                node.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            }
            JsonNode metric = node.get("primaryMetric");
            scores.add(new Score(node.get("benchmark").asText(), params, metric.get("score").asDouble(),
                    metric.get("scoreError").asDouble(), metric.get("scoreUnit").asText()));
        }
        return scores;
    }
}
