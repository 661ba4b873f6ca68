package dev.signoff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the results were measured on. */
public final class Machine {

    private Machine() {
    }

    public static Map<String, String> describe(String database) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available (nproc)");
        facts.put("memory", memory());
        facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        facts.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + "), default GC and flags unless stated");
        facts.put("database", database);
        facts.put("load client", firstLine(List.of("wrk", "--version")) + "; JDK HttpClient for logout and refresh");
        facts.put("load average at start", loadAverage());
        return facts;
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The 1-minute load average, or -1. */
    public static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The CPU's name, family and model, and its widest vector instructions: the JDK's P-256 code (ES256) has an
     * AVX-512 intrinsic since Java 23 and an AVX2 one since Java 25, so a first ES256 verification on Java 25 is
     * faster on a CPU with AVX-512 than the name alone says (a virtual machine often names only "AMD EPYC").
     */
    private static String cpuModel() {
        Map<String, String> cpu = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    cpu.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
                if (line.isBlank() && !cpu.isEmpty()) {
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        if (!cpu.containsKey("model name")) {
            return System.getProperty("os.arch");
        }
        List<String> flags = List.of(cpu.getOrDefault("flags", "").split(" "));
        String vector = flags.contains("avx512ifma") ? "AVX-512 with IFMA" : flags.contains("avx512f") ? "AVX-512 without IFMA"
                : flags.contains("avx2") ? "AVX2, no AVX-512" : "no AVX2";
        return cpu.get("model name") + " (family " + cpu.getOrDefault("cpu family", "?") + ", model " + cpu.getOrDefault("model", "?")
                + "; " + vector + ")";
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return "unknown";
    }

    private static String firstLine(List<String> command) {
        try {
            String out = Processes.run(command, 10);
            return out.lines().findFirst().orElse("").trim();
        } catch (IOException e) {
            String message = e.getMessage();
            // wrk --version exits 1 after printing its version
            return message == null ? "wrk" : message.lines().skip(1).findFirst().orElse("wrk").trim();
        }
    }
}
