package dev.signoff.it;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The executable war's own behaviour, outside Signoff's endpoints: start-up failures in one line, the exit status of a
 * clean stop, the debug log, {@code --set} for the components' init-params, and the answers embedded Jetty gives itself.
 */
@Tag(TestDatabase.INDEPENDENT)
class LauncherIT {

    /** Lines a failed start may print besides the failure line: Signoff's start-up WARNING/INFO records, two lines each. */
    private static final int MAX_OTHER_LINES = 6;

    /** One running war for the tests that only send requests, with a component's init-param set by its bare name. */
    private static SignoffServer shared;

    @BeforeAll
    static void startShared() throws Exception {
        shared = SignoffServer.start("--db", "jdbc:h2:mem:launcher", "--user", "ursula:ursula-pw-1",
                "--set", "realm=custom", "--set", "deliver=body");
    }

    @AfterAll
    static void stopShared() throws Exception {
        Waits.closeAll(shared);
    }

    @Test
    void aUrlNoDriverTakesIsOneLineWithTheRemedy() throws Exception {
        SignoffServer.Result result = SignoffServer.run("--port", "0", "--host", "127.0.0.1", "--db", "jdbc:nosuch:x");
        assertOneLineFailure(result, "Signoff failed to start: no JDBC driver in the war takes jdbc:nosuch:x: check the URL given with --db");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsOneLineWithTheRemedy() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/x?password=not-to-be-shown";
        SignoffServer.Result result = SignoffServer.run("--port", "0", "--host", "127.0.0.1", "--db", url);
        assertOneLineFailure(result, "Signoff failed to start: the database at jdbc:postgresql://127.0.0.1:" + closed
                + "/x does not answer (connection refused): start it, or check the host and port given with --db");
        assertFalse(result.output().contains("not-to-be-shown"), result.output());

        SignoffServer.Result verbose = SignoffServer.run("--port", "0", "--host", "127.0.0.1", "--db", url, "--verbose");
        assertEquals(1, verbose.exitCode(), verbose.output());
        assertTrue(verbose.output().contains("\tat "), "--verbose shows the stack trace:\n" + verbose.output());
    }

    @Test
    void aSecondInstanceOnTheDefaultH2FileSaysAnotherInstanceUsesIt(@TempDir Path home) throws Exception {
        try (Launched first = Launched.start(home, "--user", "u:pw")) {
            first.awaitListening();
            Launched second = Launched.start(home, "--user", "u:pw");
            int status = second.waitForExit();
            String output = second.output();
            assertOneLineFailure(new SignoffServer.Result(status, output), "Signoff failed to start: the H2 database file "
                    + home.resolve(".signoff").resolve("signoff.mv.db").toRealPath() + " is in use by another Signoff instance");
            assertTrue(output.contains("give this one another database with --db"), output);
            assertEquals(401, get(first.url("/api/me"), bearer("x")).status(), "the first instance still serves");
        }
    }

    @Test
    void aConfigurationErrorIsPrintedOnceWithOneListAndTheNearestName() throws Exception {
        SignoffServer.Result result = SignoffServer.run("--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:once",
                "--set", "signoff.isuer=typo");
        assertEquals(1, result.exitCode(), result.output());
        assertEquals(1, count(result.output(), "signoff.isuer"), result.output());
        assertEquals(1, count(result.output(), "accepted: ["), result.output());
        assertTrue(result.output().contains("Signoff failed to start: configuration error: signoff.isuer: unknown context-param"
                + " (did you mean signoff.issuer?); accepted: [signoff.access-token-ttl,"), result.output());
        assertFalse(result.output().contains("SEVERE"), result.output());
    }

    @Test
    void aBareSetNameIsAnInitParamOfTheComponentsAndOneNoneAcceptsFailsTheStart() throws Exception {
        SignoffServer.Result typo = SignoffServer.run("--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:bare",
                "--set", "relm=custom");
        assertEquals(1, typo.exitCode(), typo.output());
        assertTrue(typo.output().contains("Signoff failed to start: configuration error: relm: set with --set, but no filter or"
                + " servlet of Signoff in this deployment accepts it"), typo.output());
        assertTrue(typo.output().contains("(did you mean realm?); accepted: ["), typo.output());
        assertFalse(typo.output().contains("Signoff listening"), typo.output());

        Http.Response refused = get(shared.url("/api/me"), bearer("not.a.token"));
        assertEquals(401, refused.status(), refused::toString);
        assertTrue(refused.header("WWW-Authenticate").orElse("").contains("realm=\"custom\""),
                "--set realm=custom reached the filter, which web.xml gives no realm: " + refused);
        Http.Response login = post(shared.url("/auth/login"), credentials("ursula", "ursula-pw-1"), json());
        assertEquals(200, login.status(), login::toString);
        assertTrue(login.text("access_token").length() > 20, login::toString);
        assertEquals(List.of(), login.setCookies().stream().filter(c -> c.startsWith("signoff_")).toList(),
                "--set deliver=body replaced web.xml's deliver=body,cookies: " + login);
    }

    /** SIGTERM as {@link Process#destroy()} sends it, and SIGINT as Ctrl-C does. */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aCleanStopExitsWithZero(String signal) throws Exception {
        SignoffServer server = SignoffServer.start("--db", "jdbc:h2:mem:stop_" + signal);
        Process process = server.process();
        if (signal.equals("TERM")) {
            process.destroy();
        } else {
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor());
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped within the graceful stop's bound and some");
        assertEquals(0, process.exitValue(), "SIG" + signal + " is a clean stop:\n" + server.output());
    }

    @Test
    void debugShowsTheReasonOfARefusalWithoutTheToken() throws Exception {
        String token = Tokens.sign(Tokens.claims("mallory", "forged-session").build());
        SignoffServer quiet = shared;
        try (SignoffServer debug = SignoffServer.start("--db", "jdbc:h2:mem:debug", "--debug")) {
            assertEquals(401, get(debug.url("/api/me"), bearer(token)).status());
            assertEquals(401, get(quiet.url("/api/me"), bearer(token)).status());
            Waits.until("the debug line of the refusal", () -> debug.output().contains("refused Credential["));
            String line = debug.output().lines().filter(l -> l.contains("refused Credential[")).findFirst().orElseThrow();
            assertTrue(line.contains("/api/me") && line.matches(".*Credential\\[bearer\\]: \\S.*"),
                    "the refusal and its reason:\n" + debug.output());
            assertFalse(debug.output().contains(token), "no token in the log");
            for (String part : token.split("\\.")) {
                assertFalse(debug.output().contains(part), "no part of the token in the log");
            }
            Thread.sleep(500);
            assertFalse(quiet.output().contains("refused Credential["), "no debug log without --debug:\n" + quiet.output());
        }
    }

    @Test
    void noDirectoryIsListed() throws Exception {
        for (String path : List.of("/META-INF/", "/WEB-INF/", "/dev/", "/dev/signoff/", "/auth/")) {
            Http.Response response = get(shared.url(path), java.util.Map.of());
            assertTrue(response.status() >= 400, path + ": " + response);
            assertFalse(response.body().contains("META-INF") || response.body().contains("<a href"), path + ": " + response);
        }
        // the root is the demo page, not a listing of the war
        Http.Response root = get(shared.url("/"), java.util.Map.of());
        assertTrue(root.status() == 200 && root.body().contains("<title>Signoff demo</title>"), root::toString);
        assertFalse(root.body().contains("META-INF") || root.body().contains("WEB-INF"), root::toString);
    }

    @Test
    void theContainersOwnErrorsAreSignoffsJson() throws Exception {
        URI base = URI.create(shared.url("/"));
        String large = raw(base, "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Large: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertJsonError(large, 431, "{\"error\":\"request_header_fields_too_large\",\"message\":");
        String badUri = raw(base, "GET /a%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertJsonError(badUri, 400, "{\"error\":\"invalid_request\",\"message\":");
        String badRequest = raw(base, "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: x\r\nConnection: close\r\n\r\n");
        assertJsonError(badRequest, 400, "{\"error\":\"invalid_request\",\"message\":");
    }

    private static void assertJsonError(String response, int status, String bodyStart) {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.contains("\r\ncontent-type: application/json"), response);
        assertTrue(head.contains("\r\ncache-control: no-store"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(body.startsWith(bodyStart) && body.endsWith("\"}"), response);
        assertFalse(body.contains("<") || body.contains("Jetty"), response);
    }

    /** Sends {@code request} as bytes and returns everything the server answers until it closes. */
    private static String raw(URI base, String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertOneLineFailure(SignoffServer.Result result, String line) {
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains(line), result.output());
        assertEquals(1, count(result.output(), "Signoff failed to start"), result.output());
        List<String> lines = result.output().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() <= 1 + MAX_OTHER_LINES, lines.size() + " lines:\n" + result.output());
        assertFalse(result.output().contains("\tat ") || result.output().contains("at org.eclipse"), "no stack trace:\n" + result.output());
        assertFalse(result.output().contains("SEVERE"), result.output());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    /** The war started with {@code user.home} elsewhere, so that its default H2 file is the test's own. */
    private static final class Launched implements AutoCloseable {

        private final Process process;
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;

        private Launched(Process process) {
            this.process = process;
            this.reader = new Thread(() -> read(process.getInputStream()), "launched-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Launched start(Path home, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Duser.home=" + home, "-jar", SignoffServer.war().toString(), "--host", "127.0.0.1", "--port", "0"));
            command.addAll(List.of(args));
            return new Launched(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        private void read(InputStream in) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        void awaitListening() throws InterruptedException {
            Waits.until("the first instance listening or gone", () -> !url("/").isEmpty() || !process.isAlive());
            assertFalse(url("/").isEmpty(), "the first instance started:\n" + output());
        }

        String url(String path) {
            synchronized (output) {
                return output.stream().filter(l -> l.startsWith("Signoff listening on http://"))
                        .map(l -> l.substring("Signoff listening on ".length()).replaceAll("/$", "") + path)
                        .findFirst().orElse("");
            }
        }

        int waitForExit() throws InterruptedException {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exited:\n" + output());
            reader.join(5_000);
            return process.exitValue();
        }

        String output() {
            synchronized (output) {
                return String.join("\n", output);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
