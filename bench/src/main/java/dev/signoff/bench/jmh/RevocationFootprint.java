package dev.signoff.bench.jmh;

import dev.signoff.revocation.RevocationView;
import dev.signoff.token.Ids;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import dev.signoff.token.AccessToken;
import java.util.Locale;
import java.util.Set;
import org.openjdk.jol.info.GraphLayout;

/**
 * Heap bytes per revoked id held by a {@link RevocationView}, for each count given: half revoked sessions, half
 * revoked tokens, as in {@link RevocationCheckBenchmark}. Measured twice: the used heap after full collections
 * before and after filling, and the size of the view's object graph walked by JOL. Prints one line per count:
 * {@code footprint IDS HEAP_BYTES_PER_ID JOL_BYTES_PER_ID}.
 */
public final class RevocationFootprint {

    public static void main(String[] args) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (String arg : args) {
            int ids = Integer.parseInt(arg);
            long before = usedAfterGc(memory);
            long now = System.currentTimeMillis();
            RevocationView view = new RevocationView(930_000, now);
            String[] revokedSessions = new String[PROBES];
            for (int i = 0; i < ids / 2; i++) {
                String sid = Ids.newId();
                view.revokeSession(sid, now);
                revokedSessions[i % PROBES] = sid;
                view.revokeToken(Ids.newId(), now + 900_000);
            }
            long after = usedAfterGc(memory);
            long graph = GraphLayout.parseInstance(view).totalSize();
            if (view.size() != ids / 2 * 2) {
                throw new IllegalStateException("the view holds " + view.size() + " ids, not " + ids);
            }
            for (int i = 0; i < 1000; i++) {
                view.revokeSubject("gone-" + i, now);
            }
            long seconds = now / 1000;
            AccessToken[] valid = new AccessToken[PROBES];
            AccessToken[] revoked = new AccessToken[PROBES];
            for (int i = 0; i < PROBES; i++) {
                valid[i] = new AccessToken("user-" + i, Ids.newId(), Ids.newId(), Set.of("user"), seconds, seconds + 900);
                revoked[i] = new AccessToken("user-" + i, revokedSessions[i % Math.min(PROBES, ids / 2)], Ids.newId(), Set.of("user"),
                        seconds, seconds + 900);
            }
            System.out.printf(Locale.ROOT, "footprint %d %.1f %.1f %.1f %.1f%n", ids, (after - before) / (double) ids, graph / (double) ids,
                    cpuPerCheck(view, valid, false), cpuPerCheck(view, revoked, true));
            Reference.reachabilityFence(view);
        }
    }

    private static final int PROBES = 1024;

    /** Median CPU nanoseconds per {@code isRevoked} over 5 rounds; fails if a check answers other than {@code expected}. */
    private static double cpuPerCheck(RevocationView view, AccessToken[] tokens, boolean expected) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rounds = new double[5];
        int checks = 2_000_000;
        for (int warm = 0; warm < 3; warm++) {
            check(view, tokens, checks, expected);
        }
        for (int r = 0; r < rounds.length; r++) {
            long start = threads.getCurrentThreadCpuTime();
            check(view, tokens, checks, expected);
            rounds[r] = (threads.getCurrentThreadCpuTime() - start) / (double) checks;
        }
        java.util.Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    private static void check(RevocationView view, AccessToken[] tokens, int checks, boolean expected) {
        for (int i = 0; i < checks; i++) {
            if (view.isRevoked(tokens[i & (PROBES - 1)]) != expected) {
                throw new IllegalStateException("a check answered " + !expected);
            }
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
