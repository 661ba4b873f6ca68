package dev.signoff.bench.jmh;

import dev.signoff.Signoff;
import dev.signoff.SignoffListener;
import dev.signoff.auth.Authenticator;
import dev.signoff.auth.BearerTokenResolver;
import dev.signoff.auth.Credential;
import dev.signoff.bench.Keys;
import dev.signoff.bench.Stats;
import dev.signoff.deploy.Deployment;
import dev.signoff.token.AccessTokenIssuer;
import dev.signoff.token.Ids;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

/**
 * Signoff's own work on an authenticated request, in process and timed by the thread's CPU time, so that neither the
 * HTTP stack nor other load on the machine blurs it: the Bearer header read ({@link BearerTokenResolver}) and the
 * credential authenticated ({@link Authenticator}: the verifier, then the revocation view), as {@code AuthFilter} does.
 * The Signoff context is started as a web application is (Jetty, {@code SignoffListener}, H2 in memory). Two cases:
 * <em>repeated</em>, the next of 1,024 logins' tokens, each verified before (a client's every request after its first);
 * <em>new</em>, the next of 65,536 tokens, more than the verifier remembers, so nearly every one is verified in full.
 * The request is a {@link Proxy} answering {@code getHeaders("Authorization")}: its reflective call is counted too,
 * so the figures are an upper bound. Median and range of 7 rounds.
 *
 * <p>Usage: {@code RequestPathCpuTime}; prints {@code cpu-path CASE MEDIAN_NS MIN_NS MAX_NS} per case.
 */
public final class RequestPathCpuTime {

    private RequestPathCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("signoff-bench-path");
        Server server = new Server();
        ServletContextHandler context = new ServletContextHandler("/path");
        Keys.contextParams("HS256", dir).forEach(context::setInitParameter);
        context.setInitParameter("signoff.db.jndi", "none");
        context.setInitParameter("signoff.db.url", "jdbc:h2:mem:request-path;DB_CLOSE_DELAY=-1");
        context.setInitParameter("signoff.access-token-ttl", "1h");
        context.addEventListener(new SignoffListener());
        server.setHandler(context);
        server.start();
        try {
            Signoff signoff = Signoff.get(context.getServletContext());
            Authenticator authenticator = Deployment.of(context.getServletContext()).part(Authenticator.class);
            List<String> repeated = new ArrayList<>();
            for (int i = 0; i < 1024; i++) {
                repeated.add(signoff.login("user-" + i, List.of("user"), "bench", "127.0.0.1").accessToken());
            }
            AccessTokenIssuer issuer = new AccessTokenIssuer(signoff.settings().tokens(), Clock.systemUTC());
            List<String> fresh = new ArrayList<>();
            for (int i = 0; i < 65_536; i++) {
                fresh.add(issuer.issue("user-" + (i % 1024), List.of("user"), Ids.newId()).token());
            }
            print("repeated", time(requests(repeated), authenticator, 2_000_000));
            print("new", time(requests(fresh), authenticator, 400_000));
        } finally {
            server.stop();
        }
    }

    private static HttpServletRequest[] requests(List<String> tokens) {
        HttpServletRequest[] requests = new HttpServletRequest[tokens.size()];
        for (int i = 0; i < requests.length; i++) {
            List<String> header = List.of("Bearer " + tokens.get(i));
            requests[i] = (HttpServletRequest) Proxy.newProxyInstance(RequestPathCpuTime.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class},
                    (proxy, method, a) -> method.getName().equals("getHeaders") ? Collections.enumeration(header) : null);
        }
        return requests;
    }

    /** CPU ns per request, per round (3 rounds of warm-up first); fails unless every request is authenticated. */
    private static List<Double> time(HttpServletRequest[] requests, Authenticator authenticator, int perRound) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        BearerTokenResolver resolver = new BearerTokenResolver();
        List<Double> rounds = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 10; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                Credential credential = resolver.resolve(requests[next++ % requests.length]).orElseThrow();
                if (!(authenticator.authenticate(credential) instanceof Authenticator.Authenticated)) {
                    throw new IllegalStateException("a request was not authenticated");
                }
            }
            if (round >= 3) {
                rounds.add((threads.getCurrentThreadCpuTime() - start) / (double) perRound);
            }
        }
        return rounds;
    }

    private static void print(String name, List<Double> rounds) {
        System.out.printf(Locale.ROOT, "cpu-path %s %.1f %.1f %.1f%n", name, Stats.median(rounds), Stats.min(rounds), Stats.max(rounds));
    }
}
