package dev.signoff.bus;

import dev.signoff.store.Revocation;
import dev.signoff.store.RevocationHook;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Publishes every committed revocation on the Redis channel, as {@link dev.signoff.store.RevocationNotice#payload()}
 * ({@code KIND TIME ID}: nothing that authenticates). {@link #afterCommit} only puts the payloads in a queue of
 * {@value #CAPACITY} and returns, so that a logout is never answered later because of Redis; one thread of its own
 * publishes them over one connection. A payload is dropped, counted and logged at DEBUG when the queue is full or
 * Redis cannot take it: the database holds the revocation, and the other nodes read it at their next sync.
 *
 * <p>A broken connection is replaced at once and the payload sent again; when that fails too, the publisher waits
 * from {@value RedisSubscriber#MIN_BACKOFF_MS} ms, doubling up to {@value RedisSubscriber#MAX_BACKOFF_MS} ms, before it
 * tries again, dropping what comes meanwhile, and tries at once when the subscriber has connected since. The
 * subscriber logs the outage; the publisher logs at DEBUG only.
 *
 * <p>This class is thread-safe.
 */
final class RedisPublisher implements RevocationHook, AutoCloseable {

    static final int CAPACITY = 10_000;

    private static final System.Logger LOG = System.getLogger(RedisPublisher.class.getName());

    private final RedisConnector connector;
    private final String channel;
    private final LongSupplier subscriptions;
    private final BlockingQueue<String> queue;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Jedis connection;
    private long backoff = RedisSubscriber.MIN_BACKOFF_MS;
    private long retryAt;
    private long subscriptionsAtFailure = -1;

    /**
     * @param subscriptions how many times the subscriber has subscribed so far: a change means Redis is back
     */
    RedisPublisher(RedisConnector connector, String channel, LongSupplier subscriptions, int capacity) {
        this.connector = connector;
        this.channel = channel;
        this.subscriptions = subscriptions;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "signoff-revocation-redis-publish");
        thread.setDaemon(true);
    }

    /** Starts publishing; payloads queued before are published first. */
    void start() {
        thread.start();
    }

    @Override
    public void afterCommit(List<Revocation> revocations) {
        for (Revocation revocation : revocations) {
            if (!queue.offer(revocation.notice().payload())) {
                drop("the queue of " + (queue.size() + queue.remainingCapacity()) + " is full");
            }
        }
    }

    /** Payloads Redis took. */
    long published() {
        return published.get();
    }

    /** Payloads given up: queue full, Redis unreachable, or Signoff stopping. */
    long dropped() {
        return dropped.get();
    }

    /** Payloads waiting to be published. */
    int waiting() {
        return queue.size();
    }

    private void run() {
        while (running) {
            String payload;
            try {
                payload = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (payload != null) {
                publish(payload);
            }
        }
        closeConnection();
    }

    private void publish(String payload) {
        if (connection == null && !mayConnect()) {
            drop("Redis was unreachable at the last try");
            return;
        }
        for (int attempt = 0; attempt < 2 && running; attempt++) {
            try {
                if (connection == null) {
                    connection = connector.open();
                }
                connection.publish(channel, payload);
                published.incrementAndGet();
                backoff = RedisSubscriber.MIN_BACKOFF_MS;
                subscriptionsAtFailure = -1;
                return;
            } catch (JedisException | IllegalStateException e) {
                closeConnection();
                LOG.log(System.Logger.Level.DEBUG, "publishing a revocation on {0} failed: {1}", connector.safeUrl(),
                        RedisConnector.reason(e));
            }
        }
        retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
        backoff = Math.min(backoff * 2, RedisSubscriber.MAX_BACKOFF_MS);
        subscriptionsAtFailure = subscriptions.getAsLong();
        drop("Redis did not take it");
    }

    private boolean mayConnect() {
        return subscriptionsAtFailure < 0 || System.nanoTime() - retryAt >= 0 || subscriptions.getAsLong() != subscriptionsAtFailure;
    }

    private void drop(String why) {
        dropped.incrementAndGet();
        LOG.log(System.Logger.Level.DEBUG, "a revocation is not published on the Redis bus ({0}); the other nodes read it from the "
                + "database at their next sync", why);
    }

    private void closeConnection() {
        Jedis jedis = connection;
        connection = null;
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // broken already
            }
        }
    }

    /** Stops the thread; what is still queued is dropped. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.addAndGet(queue.size());
        queue.clear();
    }
}
