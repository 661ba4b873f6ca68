package dev.signoff.bus;

import dev.signoff.revocation.RevocationView;
import dev.signoff.store.RevocationChanges;
import dev.signoff.store.RevocationNotice;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Hears every node's revocations on the Redis channel and adds each to the {@link RevocationView} as it arrives. A
 * Redis subscription blocks the connection it holds, so it has a thread of its own; nothing here runs on a request
 * thread.
 *
 * <p>Redis delivers a message only to those subscribed when it is published: each time the subscription is made (at
 * start, and after every reconnection), {@code catchUp} reads the database, so that a revocation published while this
 * node was away is applied all the same. A lost or refused connection is logged once as a WARNING, and once as INFO
 * when it is back; meanwhile the subscriber tries again after {@value #MIN_BACKOFF_MS} ms, doubling up to
 * {@value #MAX_BACKOFF_MS} ms. Every {@value #PING_INTERVAL_MS} ms a {@code PING} goes out on the subscription; a
 * connection that has answered nothing for three intervals is taken for dead (a network that drops packets without
 * closing the connection) and replaced. A message that is not a revocation is dropped with a DEBUG line.
 *
 * <p>This class is thread-safe.
 */
final class RedisSubscriber implements AutoCloseable {

    static final long MIN_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 5_000;
    static final long PING_INTERVAL_MS = 10_000;

    private static final System.Logger LOG = System.getLogger(RedisSubscriber.class.getName());

    private final RedisConnector connector;
    private final String channel;
    private final RevocationView view;
    private final Runnable catchUp;
    private final Thread thread;
    private final ScheduledExecutorService keepAlive;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private volatile boolean running = true;
    private volatile Jedis connection;
    private volatile Subscription subscription;
    private volatile boolean subscribed;
    private volatile long heardAt;
    private boolean failing;
    private long backoff = MIN_BACKOFF_MS;

    /** @param catchUp a read of the database, run after every subscription */
    RedisSubscriber(RedisConnector connector, String channel, RevocationView view, Runnable catchUp) {
        this.connector = connector;
        this.channel = channel;
        this.view = view;
        this.catchUp = catchUp;
        this.thread = new Thread(this::run, "signoff-revocation-redis-subscribe");
        thread.setDaemon(true);
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "signoff-revocation-redis-ping");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the subscription; returns at once, Redis reachable or not. */
    void start() {
        thread.start();
        keepAlive.scheduleWithFixedDelay(this::ping, PING_INTERVAL_MS, PING_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether the subscription stands right now, as far as this node knows. */
    boolean connected() {
        return subscribed;
    }

    /** Revocations received and applied. */
    long received() {
        return received.get();
    }

    /** Messages received that were not revocations. */
    long ignored() {
        return ignored.get();
    }

    /** How many times the subscription was made: at start, and once more after each reconnection. */
    long subscriptions() {
        return subscriptions.get();
    }

    private void run() {
        while (running) {
            Jedis jedis = null;
            try {
                jedis = connector.open();
                connection = jedis;
                Subscription current = new Subscription();
                subscription = current;
                jedis.subscribe(current, channel);
            } catch (JedisException | IllegalStateException e) {
                if (running && !failing) {
                    failing = true;
                    LOG.log(System.Logger.Level.WARNING, "the Redis revocation bus at {0} is unreachable ({1}); other nodes'' logouts "
                            + "arrive by the database reads every sync interval until it is back", connector.safeUrl(),
                            RedisConnector.reason(e));
                }
            } finally {
                subscribed = false;
                subscription = null;
                connection = null;
                if (jedis != null) {
                    close(jedis);
                }
            }
            if (!running || !sleep(backoff)) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /** The subscription of one connection; its callbacks run on the subscriber's thread. */
    private final class Subscription extends JedisPubSub {

        @Override
        public void onSubscribe(String name, int count) {
            heardAt = System.nanoTime();
            RedisSubscriber.this.subscribed = true;
            backoff = MIN_BACKOFF_MS;
            subscriptions.incrementAndGet();
            if (failing) {
                failing = false;
                LOG.log(System.Logger.Level.INFO, "the Redis revocation bus at {0} is back; reading the revocations missed meanwhile",
                        connector.safeUrl());
            } else {
                LOG.log(System.Logger.Level.INFO, "listening for revocations on the Redis revocation bus at {0}, channel {1}",
                        connector.safeUrl(), channel);
            }
            try {
                catchUp.run();
            } catch (RuntimeException e) {
                // the sync logs its own failures; the view keeps what it has
                LOG.log(System.Logger.Level.DEBUG, "the read after subscribing failed: {0}", e.toString());
            }
        }

        @Override
        public void onMessage(String from, String message) {
            heardAt = System.nanoTime();
            RevocationChanges changes = RevocationNotice.parse(message);
            if (changes == null) {
                ignored.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, "ignoring a message on {0} that is not a revocation", channel);
                return;
            }
            view.apply(changes);
            received.incrementAndGet();
        }

        @Override
        public void onPong(String pattern) {
            heardAt = System.nanoTime();
        }
    }

    /** Run by the keep-alive thread: a {@code PING} on the subscription, or the end of a connection silent too long. */
    private void ping() {
        Subscription current = subscription;
        Jedis jedis = connection;
        if (current == null || jedis == null || !subscribed) {
            return;
        }
        if (System.nanoTime() - heardAt > TimeUnit.MILLISECONDS.toNanos(3 * PING_INTERVAL_MS)) {
            LOG.log(System.Logger.Level.DEBUG, "the Redis subscription has answered nothing for {0} ms: reconnecting", 3 * PING_INTERVAL_MS);
            disconnect(jedis);
            return;
        }
        try {
            current.ping();
        } catch (JedisException | IllegalStateException e) {
            // a connection that cannot be written to answers nothing either: the silence check above ends it
            LOG.log(System.Logger.Level.DEBUG, "PING on the Redis subscription failed: {0}", RedisConnector.reason(e));
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void disconnect(Jedis jedis) {
        try {
            jedis.disconnect();
        } catch (RuntimeException ignored) {
            // broken already
        }
    }

    private static void close(Jedis jedis) {
        try {
            jedis.close();
        } catch (RuntimeException ignored) {
            // broken already
        }
    }

    @Override
    public void close() {
        running = false;
        keepAlive.shutdownNow();
        Jedis jedis = connection;
        if (jedis != null) {
            // ends the blocking read: Redis may not answer an UNSUBSCRIBE any more
            disconnect(jedis);
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
