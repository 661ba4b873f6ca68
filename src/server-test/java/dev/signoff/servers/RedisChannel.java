package dev.signoff.servers;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Redis pub/sub channel of the machine's Redis ({@value #HOST}:{@value #PORT}) as the test sees it: a subscription
 * whose messages are queued for {@link #next}, and {@link #publish}. It speaks RESP2 over a plain socket rather than
 * through Jedis, so that no Redis client, commons-pool2 or SLF4J lands on the class path of an embedded server's JVM,
 * where it would hide a jar missing from the war. Only {@code SUBSCRIBE} and {@code PUBLISH} are sent.
 */
final class RedisChannel implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    private final String name;
    private final Socket socket;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final Thread reader;

    private RedisChannel(String name, Socket socket) {
        this.name = name;
        this.socket = socket;
        this.reader = new Thread(this::read, "server-test-subscriber");
        reader.setDaemon(true);
    }

    /** Subscribes to {@code name} and returns once Redis confirmed the subscription. */
    static RedisChannel subscribe(String name) throws IOException {
        Socket socket = connect();
        try {
            send(socket.getOutputStream(), "SUBSCRIBE", name);
            socket.setSoTimeout(5_000);
            List<?> confirmation = (List<?>) reply(socket.getInputStream());
            if (!"subscribe".equals(confirmation.get(0)) || !name.equals(confirmation.get(1))) {
                throw new IOException("Redis answered SUBSCRIBE with " + confirmation);
            }
            socket.setSoTimeout(0);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        RedisChannel channel = new RedisChannel(name, socket);
        channel.reader.start();
        return channel;
    }

    /** Publishes {@code message} on {@code channel}; returns how many subscribers received it. */
    static long publish(String channel, String message) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(5_000);
            send(socket.getOutputStream(), "PUBLISH", channel, message);
            return (Long) reply(socket.getInputStream());
        }
    }

    /** The next message received, or {@code null} when none arrives within {@code timeout}. */
    String next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (true) {
                List<?> push = (List<?>) reply(in);
                if ("message".equals(push.get(0)) && name.equals(push.get(1))) {
                    messages.add((String) push.get(2));
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed by close(), or by Redis: next() then times out
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(HOST, PORT), 2_000);
        } catch (IOException e) {
            socket.close();
            throw new IOException("no Redis on " + HOST + ":" + PORT + " (start it with redis-server, or .ci/run)", e);
        }
        return socket;
    }

    private static void send(OutputStream out, String... parts) throws IOException {
        StringBuilder command = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            command.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One RESP2 reply: an array as a List, a bulk or simple string as a String, an integer as a Long. */
    private static Object reply(InputStream in) throws IOException {
        String line = line(in);
        String rest = line.substring(1);
        switch (line.charAt(0)) {
            case '*' -> {
                int count = Integer.parseInt(rest);
                List<Object> items = new ArrayList<>(Math.max(count, 0));
                for (int i = 0; i < count; i++) {
                    items.add(reply(in));
                }
                return items;
            }
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                if (bytes.length < length + 2) {
                    throw new EOFException();
                }
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case ':' -> {
                return Long.parseLong(rest);
            }
            case '+' -> {
                return rest;
            }
            default -> throw new IOException("Redis answered " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException();
            }
            line.append((char) c);
        }
        if (in.read() != '\n') {
            throw new IOException("a RESP line without \\n");
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
