package dev.signoff.bench.memory;

import dev.signoff.Signoff;
import dev.signoff.SignoffListener;
import dev.signoff.auth.HttpSessionRegistry;
import dev.signoff.bench.Keys;
import dev.signoff.deploy.Deployment;
import dev.signoff.login.IssuedTokens;
import dev.signoff.revocation.RevocationView;
import dev.signoff.token.AccessTokenVerifier;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.openjdk.jol.info.GraphLayout;

/**
 * Heap per live login on one node, at {@code N} logins: a Signoff context started as a web application does
 * ({@link SignoffListener} in a Jetty context, the database given), then {@code N} logins through
 * {@code Signoff.login}, each one's access token verified once (as its first request does) and each followed by the
 * HttpSession registry (as a login kept in an HttpSession is). Measured:
 *
 * <ul>
 *   <li>the used heap after full collections before and after, over {@code N}: everything the node keeps per login,
 *       the JPA provider's caches included;</li>
 *   <li>the HttpSession registry's object graph walked by JOL, the sessions themselves (the container's) left out;</li>
 *   <li>a verifier's cache after verifying every token (JOL): bounded, so its share falls as logins grow;</li>
 *   <li>the revocation view (JOL) before and after: a live login adds nothing to it; then every login is logged out
 *       and the view measured again: what a logged-out login costs until its tokens expire.</li>
 * </ul>
 *
 * Usage: {@code LoginFootprint N DIR JDBC_URL [DB_USER]}; prints {@code footprint-login N HEAP_PER_LOGIN
 * REGISTRY_PER_LOGIN CACHE_BYTES VIEW_LIVE_PER_LOGIN VIEW_LOGGED_OUT_PER_LOGIN}.
 */
public final class LoginFootprint {

    private LoginFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int logins = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        Server server = new Server();
        ServletContextHandler context = new ServletContextHandler("/footprint");
        Keys.contextParams("HS256", dir).forEach(context::setInitParameter);
        context.setInitParameter("signoff.db.jndi", "none");
        context.setInitParameter("signoff.db.url", args[2]);
        if (args.length > 3) {
            context.setInitParameter("signoff.db.user", args[3]);
        }
        context.setInitParameter("signoff.access-token-ttl", "1h");
        context.setInitParameter("signoff.revocation.sync-interval", "1h");
        context.setInitParameter("signoff.revocation.max-staleness", "2h");
        context.addEventListener(new SignoffListener());
        server.setHandler(context);
        server.start();
        try {
            ServletContext servletContext = context.getServletContext();
            Signoff signoff = Signoff.get(servletContext);
            HttpSessionRegistry registry = Deployment.of(servletContext).part(HttpSessionRegistry.class);
            RevocationView view = signoff.revocations();
            AccessTokenVerifier verifier = new AccessTokenVerifier(signoff.settings().tokens(), Clock.systemUTC());
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            // one login first, so that classes and pools exist before the baseline
            signoff.authenticate(signoff.login("warm-up", List.of("user"), "bench", "127.0.0.1").accessToken());

            long viewBefore = viewSize(view, registry);
            long before = usedAfterGc(memory);
            IssuedTokens[] issued = IntStream.range(0, logins).parallel()
                    .mapToObj(i -> signoff.login("user-" + i, List.of("user"), "bench", "127.0.0.1")).toArray(IssuedTokens[]::new);
            BenchSession[] sessions = new BenchSession[logins];
            long now = System.currentTimeMillis();
            for (int i = 0; i < logins; i++) {
                signoff.authenticate(issued[i].accessToken());
                verifier.verify(issued[i].accessToken());
                sessions[i] = new BenchSession("node0" + issued[i].sessionId().substring(0, 16) + i, now);
                registry.add(sessions[i], issued[i].subject(), issued[i].sessionId(), now);
            }
            long issuedSize = GraphLayout.parseInstance((Object[]) issued).totalSize();
            long sessionSize = GraphLayout.parseInstance((Object[]) sessions).totalSize();
            long after = usedAfterGc(memory);
            long registrySize = GraphLayout.parseInstance(registry).subtract(GraphLayout.parseInstance((Object[]) sessions)).totalSize();
            long cacheSize = GraphLayout.parseInstance(verifier).totalSize();
            long viewLive = viewSize(view, registry);
            // what this program itself holds (the tokens it was given, the stand-in sessions) is not the node's
            double heapPerLogin = (after - before - issuedSize - sessionSize) / (double) logins;

            java.util.Arrays.stream(issued).parallel().forEach(tokens -> signoff.logoutSession(tokens.sessionId(), null));
            long viewLoggedOut = viewSize(view, registry);
            System.out.printf(Locale.ROOT, "footprint-login %d %.1f %.1f %d %.2f %.1f%n", logins, heapPerLogin,
                    registrySize / (double) logins, cacheSize, (viewLive - viewBefore) / (double) logins,
                    (viewLoggedOut - viewLive) / (double) logins);
            Reference.reachabilityFence(issued);
            Reference.reachabilityFence(sessions);
        } finally {
            server.stop();
        }
    }

    /** The view's own objects: it reaches the registry (one of its listeners), which is measured apart. */
    private static long viewSize(RevocationView view, HttpSessionRegistry registry) {
        return GraphLayout.parseInstance(view).subtract(GraphLayout.parseInstance(registry)).totalSize();
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The least an HttpSession is: an id and a creation time (the registry reads nothing else when following one). */
    private static final class BenchSession implements HttpSession {

        private final String id;
        private final long created;

        BenchSession(String id, long created) {
            this.id = id;
            this.created = created;
        }

        @Override
        public long getCreationTime() {
            return created;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public long getLastAccessedTime() {
            return created;
        }

        @Override
        public ServletContext getServletContext() {
            return null;
        }

        @Override
        public void setMaxInactiveInterval(int interval) {
        }

        @Override
        public int getMaxInactiveInterval() {
            return 1800;
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public void setAttribute(String name, Object value) {
        }

        @Override
        public void removeAttribute(String name) {
        }

        @Override
        public void invalidate() {
        }

        @Override
        public boolean isNew() {
            return false;
        }
    }
}
