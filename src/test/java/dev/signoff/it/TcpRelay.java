package dev.signoff.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay between Signoff and its database, run in the test JVM. It counts the bytes the clients
 * send (so a test can prove that no statement was sent), and it can be {@link #cut()}: every relayed connection
 * is closed and new ones are refused, as when the database server stops; {@link #restore()} accepts again on the
 * same port. It can also {@link #hang()}: connections stay open and new ones are accepted, but no byte passes in
 * either direction, as when the network between them drops every packet; {@link #resume()} lets the held bytes
 * through. This class is thread-safe.
 */
public final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong clientBytes = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private volatile ServerSocket server;
    private volatile boolean hanging;

    /** Relays a free loopback port to {@code targetPort} on 127.0.0.1. */
    public TcpRelay(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = listen(0);
        this.port = server.getLocalPort();
        acceptLoop(server);
    }

    /** The loopback port clients connect to. */
    public int port() {
        return port;
    }

    /** Bytes sent by clients towards the database since the relay started. */
    public long bytesFromClients() {
        return clientBytes.get();
    }

    /** Connections accepted since the relay started. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Closes every relayed connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            closeQuietly(s);
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Holds every byte, in both directions, until {@link #resume()}; connections stay open. */
    public void hang() {
        hanging = true;
    }

    /** Lets bytes through again, the held ones first. */
    public void resume() {
        hanging = false;
    }

    /** Accepts connections again on the same port. */
    public synchronized void restore() throws IOException {
        if (server == null) {
            server = listen(port);
            acceptLoop(server);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        return s;
    }

    private void acceptLoop(ServerSocket listening) {
        Thread thread = new Thread(() -> {
            while (!listening.isClosed()) {
                Socket client;
                try {
                    client = listening.accept();
                } catch (IOException e) {
                    return;
                }
                accepted.incrementAndGet();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                synchronized (this) {
                    if (server != listening) {
                        closeQuietly(client);
                        closeQuietly(upstream);
                        return;
                    }
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pump(client, upstream, clientBytes);
                pump(upstream, client, null);
            }
        }, "relay-accept-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (counter != null) {
                        counter.addAndGet(n);
                    }
                    while (hanging && !to.isClosed()) {
                        Thread.sleep(5);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed or the relay was cut
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "relay-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
