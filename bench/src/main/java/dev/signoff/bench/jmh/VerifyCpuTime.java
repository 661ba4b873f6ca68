package dev.signoff.bench.jmh;

import dev.signoff.bench.Keys;
import dev.signoff.bench.Stats;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.token.AccessTokenIssuer;
import dev.signoff.token.AccessTokenVerifier;
import dev.signoff.token.TokenSettings;
import dev.signoff.token.TokenSettingsParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * First verifications timed by the thread's CPU time rather than the wall clock, which on a shared machine counts the
 * time the thread waits for a core: per algorithm, a verifier without cache verifying the next of 1,024 distinct
 * tokens (each one parsed, its signature checked and its claims read in full), median of 7 rounds. Run by the harness
 * with each JDK it compares (the elliptic-curve signatures differ most between JDK 17 and 25).
 *
 * <p>Usage: {@code VerifyCpuTime quick|full [ALGORITHM...]} (quick: 1.5 s of warm-up and rounds of 0.3 s; full: 3 s and
 * 1 s); prints one line {@code cpu-verify ALGORITHM MEDIAN_NS MIN_NS MAX_NS JAVA_VERSION} per algorithm.
 */
public final class VerifyCpuTime {

    private static final int TOKENS = 1024;
    private static final int ROUNDS = 7;

    private VerifyCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        long warmNanos = quick ? 1_500_000_000L : 3_000_000_000L;
        long roundNanos = quick ? 300_000_000L : 1_000_000_000L;
        List<String> algorithms = args.length <= 1 ? Keys.ALGORITHMS : List.of(args).subList(1, args.length);
        Path dir = Files.createTempDirectory("signoff-bench-keys");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String algorithm : algorithms) {
            TokenSettings settings = TokenSettingsParser.parse(new Params(ConfigSource.of("bench", Map.of(),
                    Keys.contextParams(algorithm, dir))));
            Clock clock = Clock.systemUTC();
            AccessTokenIssuer issuer = new AccessTokenIssuer(settings, clock);
            String[] tokens = new String[TOKENS];
            for (int i = 0; i < TOKENS; i++) {
                tokens[i] = issuer.issue("bench-user-" + i, List.of("user", "admin"), "c2Vzc2lvbi1pZC0wMTIzNA" + i).token();
            }
            AccessTokenVerifier verifier = new AccessTokenVerifier(settings, clock, 0);
            // the same CPU time per round for every algorithm: fewer operations for the slow ones
            long perOp = 0;
            int warm = 0;
            long warmStart = threads.getCurrentThreadCpuTime();
            while (threads.getCurrentThreadCpuTime() - warmStart < warmNanos) {
                verifier.verify(tokens[warm++ & (TOKENS - 1)]);
            }
            perOp = Math.max(1, (threads.getCurrentThreadCpuTime() - warmStart) / warm);
            int operations = (int) Math.max(64, Math.min(5_000_000, roundNanos / perOp));
            List<Double> rounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < operations; i++) {
                    verifier.verify(tokens[i & (TOKENS - 1)]);
                }
                rounds.add((threads.getCurrentThreadCpuTime() - start) / (double) operations);
            }
            System.out.printf(Locale.ROOT, "cpu-verify %s %.1f %.1f %.1f %s%n", algorithm, Stats.median(rounds), Stats.min(rounds), Stats.max(rounds),
                    System.getProperty("java.version"));
        }
    }
}
