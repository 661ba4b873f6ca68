package dev.signoff.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.store.Revocation;
import dev.signoff.store.RevocationNotice;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The publisher never holds up the thread that committed a revocation, whatever Redis does: refused connections and a
 * Redis that accepts but never answers, both on loopback ports of the test's own.
 */
class RedisPublisherTest {

    private static List<Revocation> revocations(int n) {
        List<Revocation> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Revocation(new RevocationNotice(RevocationNotice.SESSION, 1_000 + i, "sid-" + i), "ann"));
        }
        return list;
    }

    private static RedisSettings at(int port) {
        return new RedisSettings(false, "127.0.0.1", port, 0, null, null, "signoff:test");
    }

    private static void awaitDropped(RedisPublisher publisher, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (publisher.dropped() < count) {
            assertTrue(System.nanoTime() < deadline, "dropped " + publisher.dropped() + " of " + count);
            Thread.sleep(20);
        }
    }

    @Test
    void withNothingListeningEachRevocationIsDroppedAndCounted() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (RedisPublisher publisher = new RedisPublisher(new RedisConnector(at(port)), "signoff:test", () -> 0, 100)) {
            publisher.start();
            publisher.afterCommit(revocations(5));
            awaitDropped(publisher, 5);
            assertEquals(0, publisher.published());
            assertEquals(0, publisher.waiting());
        }
    }

    @Test
    void aRedisThatNeverAnswersCostsTheCommittingThreadNothing() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RedisPublisher publisher = new RedisPublisher(new RedisConnector(at(silent.getLocalPort())), "signoff:test", () -> 0, 10);
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            publisher.start();
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                publisher.afterCommit(revocations(3));
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // 300 offers to a queue of 10 while the one thread waits for an answer that never comes
            assertTrue(tookMs < RedisConnector.TIMEOUT_MS, "handing 300 revocations over took " + tookMs + " ms");
            assertTrue(publisher.dropped() >= 300 - 10 - 1, "the queue is bounded: dropped " + publisher.dropped());
            publisher.close();
            // what was still waiting is dropped on close, and the one being sent once its wait ends
            awaitDropped(publisher, 300);
            assertEquals(0, publisher.published());
        }
    }
}
