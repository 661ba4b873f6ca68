package dev.signoff.bench.jmh;

import dev.signoff.revocation.RevocationView;
import dev.signoff.token.AccessToken;
import dev.signoff.token.Ids;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The revocation check {@code AuthFilter} makes on every request ({@link RevocationView#isRevoked}), against a view
 * holding {@code revokedIds} revoked ids: half of them revoked sessions ({@code sid}), half revoked tokens
 * ({@code jti}), plus 1 000 users logged out on all devices.
 *
 * <p>{@code miss}: a valid token (the common case: both id sets and the user map are searched). {@code hit}: a token
 * of a revoked session. Each call checks the next of 1,024 distinct tokens: the token objects stay in the CPU caches,
 * as the token a request has just parsed does. {@code missScattered} checks the next of 65,536 valid tokens, so that
 * the token objects and the table slots they probe are mostly out of the caches: an upper bound that includes memory
 * latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RevocationCheckBenchmark {

    private static final int PROBES = 1 << 10;
    private static final int SCATTERED = 1 << 16;

    @Param({"1000", "100000", "1000000"})
    public int revokedIds;

    private RevocationView view;
    private AccessToken[] valid;
    private AccessToken[] revoked;
    private AccessToken[] scattered;
    private int next;

    @Setup
    public void fill() {
        long now = System.currentTimeMillis();
        long nowSeconds = now / 1000;
        view = new RevocationView(930_000, now);
        String[] revokedSessions = new String[Math.min(PROBES, revokedIds / 2)];
        for (int i = 0; i < revokedIds / 2; i++) {
            String sid = Ids.newId();
            view.revokeSession(sid, now);
            if (i < revokedSessions.length) {
                revokedSessions[i] = sid;
            }
            view.revokeToken(Ids.newId(), now + 900_000);
        }
        for (int i = 0; i < 1000; i++) {
            view.revokeSubject("gone-" + i, now);
        }
        scattered = new AccessToken[SCATTERED];
        for (int i = 0; i < SCATTERED; i++) {
            scattered[i] = new AccessToken("user-" + (i % 5000), Ids.newId(), Ids.newId(), Set.of("user"), nowSeconds, nowSeconds + 900);
        }
        valid = new AccessToken[PROBES];
        revoked = new AccessToken[PROBES];
        for (int i = 0; i < PROBES; i++) {
            String subject = "user-" + (i % 5000);
            valid[i] = new AccessToken(subject, Ids.newId(), Ids.newId(), Set.of("user"), nowSeconds, nowSeconds + 900);
            revoked[i] = new AccessToken(subject, revokedSessions[i % revokedSessions.length], Ids.newId(), Set.of("user"),
                    nowSeconds, nowSeconds + 900);
        }
    }

    @Benchmark
    public boolean miss() {
        AccessToken token = valid[next++ & (PROBES - 1)];
        return view.isRevoked(token);
    }

    @Benchmark
    public boolean hit() {
        AccessToken token = revoked[next++ & (PROBES - 1)];
        return view.isRevoked(token);
    }

    @Benchmark
    public boolean missScattered() {
        AccessToken token = scattered[next++ & (SCATTERED - 1)];
        return view.isRevoked(token);
    }
}
