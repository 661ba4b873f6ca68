package dev.signoff.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own ({@value #BINARY}, or the system property {@code signoff.it.redis-server}) on a
 * free loopback port, without persistence, which the test may kill and start again on the same port. The machine's
 * own Redis is never touched.
 */
public final class RedisServer implements AutoCloseable {

    static final String BINARY = "/usr/bin/redis-server";

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Starts a Redis on a free port and waits until it answers {@code PING}. */
    public static RedisServer start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RedisServer redis = new RedisServer(port);
        redis.restart();
        return redis;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT/0}. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Starts the server (again) on its port, and waits until it answers. */
    public void restart() throws Exception {
        String binary = System.getProperty("signoff.it.redis-server", BINARY);
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(binary + " is missing: install it (apt-get install -y redis-server) or run .ci/run");
        }
        process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Waits.until("redis-server answering on port " + port, System.nanoTime(), Duration.ofSeconds(30), Duration.ofMillis(50),
                this::answers);
    }

    /** Kills the server at once (SIGKILL): its connections are closed by the operating system. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Publishes {@code message} on {@code channel} as any Redis client could, and returns how many subscribers got it. */
    public long publish(String channel, String message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            StringBuilder command = new StringBuilder("*3\r\n");
            for (String part : new String[] {"PUBLISH", channel, message}) {
                command.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            socket.getOutputStream().write(command.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder reply = new StringBuilder();
            InputStream in = socket.getInputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                reply.append((char) c);
            }
            if (reply.length() == 0 || reply.charAt(0) != ':') {
                throw new IOException("PUBLISH answered " + reply);
            }
            return Long.parseLong(reply.substring(1).trim());
        }
    }

    private boolean answers() {
        if (process == null || !process.isAlive()) {
            throw new AssertionError("redis-server on port " + port + " exited");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
