package dev.signoff.bench.http;

import dev.signoff.Signoff;
import dev.signoff.SignoffListener;
import dev.signoff.auth.AuthFilter;
import dev.signoff.login.IssuedTokens;
import dev.signoff.bench.Keys;
import dev.signoff.revocation.RevocationView;
import dev.signoff.token.Ids;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.time.Clock;
import dev.signoff.token.AccessTokenIssuer;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * One Jetty 12 server holding every variant of the HTTP benchmark side by side, so that they share the JVM, the
 * thread pool, the connector and its settings:
 *
 * <ul>
 *   <li>{@code /bare/hello}: {@link HelloServlet} alone;</li>
 *   <li>{@code /hs256/hello}, {@code /rs256/hello}, {@code /es256/hello}, {@code /eddsa/hello}: the same servlet
 *       behind {@link AuthFilter}, each context configured for one algorithm;</li>
 *   <li>{@code /hs256-new/hello}: the same as {@code /hs256}, in a Signoff context of its own, so that the
 *       every-token-new variant's tokens do not replace the repeated-token variant's in the verifier cache
 *       between their runs;</li>
 *   <li>{@code /db/hello}: the same servlet behind {@link DatabaseLookupFilter} (HS256 and one database read);</li>
 *   <li>{@code /wrap/hello}: the same servlet behind a filter that only wraps the request;</li>
 *   <li>{@code /spring/hello}: the same servlet behind Spring Security's resource-server filter chain
 *       ({@link SpringSecurityPeer}), accepting the HS256 context's tokens;</li>
 *   <li>{@code /stats}: statements each context has sent to the database, requests each context's servlet has
 *       answered, and the process's CPU time, as JSON.</li>
 * </ul>
 *
 * Usage: {@code HttpBenchServer DIR JDBC_URL [DB_USER]}. Writes {@code DIR/tokens-VARIANT.txt} (valid access tokens,
 * one per line: {@value #USERS} logins per context; {@value #NEW_TOKENS} tokens issued without a login for
 * {@code hs256-new}) and {@code DIR/database.txt}, and prints {@code READY PORT} once it serves.
 */
public final class HttpBenchServer {

    /** Revoked session ids and revoked token ids put in each Signoff context's revocation view before the run. */
    public static final int REVOKED_IDS = 100_000;

    /** Users logged in to each context; wrk cycles through their tokens. */
    public static final int USERS = 1000;

    /**
     * Tokens for the {@code hs256-new} variant: more than the verifier remembers, so that nearly every request
     * carries a token that has to be verified in full.
     */
    public static final int NEW_TOKENS = 65_536;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String url = args[1];
        String user = args.length > 2 ? args[2] : null;
        Files.createDirectories(dir);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        Map<String, HelloServlet> servlets = new LinkedHashMap<>();
        ServletContextHandler bare = context("/bare", servlets);
        contexts.addHandler(bare);

        Map<String, ServletContextHandler> signoffContexts = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> algorithm : Keys.contextParams(dir).entrySet()) {
            ServletContextHandler context = signoffContext("/" + algorithm.getKey().toLowerCase(), algorithm.getValue(), url, user, 2,
                    servlets);
            context.addFilter(new FilterHolder(AuthFilter.class), "/*", EnumSet.of(DispatcherType.REQUEST));
            signoffContexts.put(algorithm.getKey().toLowerCase(), context);
            contexts.addHandler(context);
        }
        ServletContextHandler fresh = signoffContext("/hs256-new", Keys.contextParams("HS256", dir), url, user, 2, servlets);
        fresh.addFilter(new FilterHolder(AuthFilter.class), "/*", EnumSet.of(DispatcherType.REQUEST));
        signoffContexts.put("hs256-new", fresh);
        contexts.addHandler(fresh);
        ServletContextHandler db = signoffContext("/db", Keys.contextParams("HS256", dir), url, user, 16, servlets);
        db.addFilter(new FilterHolder(DatabaseLookupFilter.class), "/*", EnumSet.of(DispatcherType.REQUEST));
        signoffContexts.put("db", db);
        contexts.addHandler(db);

        // the cost of a filter that only wraps the request, as AuthFilter does for an authenticated one: what the
        // servlet container charges for any filter and wrapper, apart from Signoff's own work
        ServletContextHandler wrap = context("/wrap", servlets);
        wrap.addFilter(new FilterHolder(new WrappingFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        contexts.addHandler(wrap);

        ServletContextHandler spring = context("/spring", servlets);
        spring.addFilter(new FilterHolder(SpringSecurityPeer.filter(Keys.SECRET, "signoff", "signoff")), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        contexts.addHandler(spring);

        ServletContextHandler stats = new ServletContextHandler("/stats");
        stats.addServlet(new ServletHolder(new StatsServlet(signoffContexts, servlets)), "/");
        contexts.addHandler(stats);

        server.setHandler(contexts);
        server.setStopAtShutdown(true);
        server.start();

        Map<String, List<String>> tokens = new LinkedHashMap<>();
        for (Map.Entry<String, ServletContextHandler> entry : signoffContexts.entrySet()) {
            Signoff signoff = Signoff.get(entry.getValue().getServletContext());
            if ("hs256-new".equals(entry.getKey())) {
                fill(signoff.revocations());
                continue;
            }
            tokens.put(entry.getKey(), logins(signoff, USERS));
            if (!"db".equals(entry.getKey())) {
                fill(signoff.revocations());
                // each user's first request, made here: a warm-up too short to reach every token (1,000 ES256 first
                // verifications take about a second of CPU) would otherwise measure first verifications in the
                // repeated-token variants
                for (String token : tokens.get(entry.getKey())) {
                    signoff.authenticate(token);
                }
            }
        }
        tokens.put("bare", tokens.get("hs256"));
        tokens.put("spring", tokens.get("hs256"));
        tokens.put("wrap", tokens.get("hs256"));
        AccessTokenIssuer issuer = new AccessTokenIssuer(Signoff.get(signoffContexts.get("hs256").getServletContext()).settings().tokens(),
                Clock.systemUTC());
        tokens.put("hs256-new", IntStream.range(0, NEW_TOKENS).parallel()
                .mapToObj(i -> issuer.issue("user-" + (i % USERS), List.of("user"), Ids.newId()).token()).toList());
        tokens.put("spring-new", tokens.get("hs256-new"));
        for (Map.Entry<String, List<String>> entry : tokens.entrySet()) {
            Files.write(dir.resolve("tokens-" + entry.getKey() + ".txt"), entry.getValue(), StandardCharsets.US_ASCII);
        }
        Files.writeString(dir.resolve("database.txt"), Signoff.get(db.getServletContext()).database().product() + " "
                + Signoff.get(db.getServletContext()).database().source());
        System.out.println("READY " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static ServletContextHandler context(String path, Map<String, HelloServlet> servlets) {
        ServletContextHandler context = new ServletContextHandler(path);
        HelloServlet servlet = new HelloServlet();
        servlets.put(path.substring(1), servlet);
        context.addServlet(new ServletHolder(servlet), "/hello");
        return context;
    }

    /**
     * A context run by Signoff with its defaults, except: the database given, tokens valid for an hour (a full run
     * lasts longer than the default 15 minutes), and the revocation sync and the purge moved out of the measurement
     * (the sync every hour, with a staleness bound above that; no purge, whose first run comes at a random moment of
     * its hourly interval) so that every statement counted during a run was sent by a request. The request path runs
     * the same code as with the defaults.
     */
    private static ServletContextHandler signoffContext(String path, Map<String, String> algorithm, String url, String user,
                                                        int poolSize, Map<String, HelloServlet> servlets) {
        ServletContextHandler context = context(path, servlets);
        algorithm.forEach(context::setInitParameter);
        context.setInitParameter("signoff.db.jndi", "none");
        context.setInitParameter("signoff.db.url", url);
        if (user != null) {
            context.setInitParameter("signoff.db.user", user);
        }
        context.setInitParameter("signoff.db.pool-size", Integer.toString(poolSize));
        context.setInitParameter("signoff.access-token-ttl", "1h");
        context.setInitParameter("signoff.revocation.sync-interval", "1h");
        context.setInitParameter("signoff.revocation.max-staleness", "2h");
        context.setInitParameter("signoff.purge.interval", "0s");
        context.addEventListener(new SignoffListener());
        return context;
    }

    /** The access tokens of {@code count} logins, each its own user and session, made through Signoff's Java API. */
    private static List<String> logins(Signoff signoff, int count) {
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> signoff.login("user-" + i, List.of("user"), "wrk", "127.0.0.1"))
                .map(IssuedTokens::accessToken).toList();
    }

    /** Revocations of other logins, so that each check searches a populated view rather than an empty one. */
    private static void fill(RevocationView view) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < REVOKED_IDS; i++) {
            view.revokeSession(Ids.newId(), now);
            view.revokeToken(Ids.newId(), now + 3_600_000);
        }
    }

    /** Passes every request on wrapped, and does nothing else. */
    private static final class WrappingFilter extends HttpFilter {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(new HttpServletRequestWrapper(request), response);
        }
    }

    /**
     * {@code {"statements": {"hs256": 12, ...}, "requests": {"bare": 5, ...}, "cpuNanos": 123}}: {@code
     * Database.statementCount()} of each Signoff context, requests answered by each context's servlet, and this
     * process's CPU time (every thread: Jetty's, the collector's, the compiler's).
     */
    private static final class StatsServlet extends HttpServlet {

        private static final long serialVersionUID = 1L;
        private final transient Map<String, ServletContextHandler> contexts;
        private final transient Map<String, HelloServlet> servlets;

        StatsServlet(Map<String, ServletContextHandler> contexts, Map<String, HelloServlet> servlets) {
            this.contexts = contexts;
            this.servlets = servlets;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String statements = contexts.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":" + Signoff.get(e.getValue().getServletContext()).database().statementCount())
                    .collect(Collectors.joining(",", "{", "}"));
            String requests = servlets.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue().served())
                    .collect(Collectors.joining(",", "{", "}"));
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            String json = "{\"statements\":" + statements + ",\"requests\":" + requests + ",\"cpuNanos\":" + cpu + "}";
            response.setContentType("application/json");
            response.getWriter().write(json);
        }
    }
}
