package dev.signoff.bus;

import dev.signoff.revocation.RevocationView;
import dev.signoff.store.RevocationHook;

/**
 * The Redis revocation bus of one node: every revocation this node commits is published on a Redis channel
 * ({@link #publisher()}, a {@link RevocationHook} given to the {@link dev.signoff.store.TokenStore}), and every
 * node's revocations heard on it are added to the node's {@link RevocationView} at once ({@link #start}). The
 * database stays the truth: Redis delivers each message at most once, to whoever is subscribed at that moment, so a
 * message lost, or a Redis that is down, costs only time — the revocation reaches the view by the next database
 * read, and a full read follows every reconnection. Nothing authenticates by Redis, and no request waits for it.
 *
 * <p>Threads: one publishing, one subscribed, one sending a {@code PING} on the subscription every 10 s; all daemon
 * threads, started by {@link #start} and stopped by {@link #close()}. The accessors ({@link #connected()},
 * {@link #published()}, {@link #received()}, {@link #dropped()}, {@link #ignored()}) are for monitoring.
 *
 * <p>This class is thread-safe.
 */
public final class RedisBus implements AutoCloseable {

    private final RedisSettings settings;
    private final RedisConnector connector;
    private final RedisPublisher publisher;
    private volatile RedisSubscriber subscriber;

    /** A bus for {@code settings}; nothing connects before {@link #start}. */
    public RedisBus(RedisSettings settings) {
        this(settings, RedisPublisher.CAPACITY);
    }

    RedisBus(RedisSettings settings, int queueCapacity) {
        this.settings = settings;
        this.connector = new RedisConnector(settings);
        this.publisher = new RedisPublisher(connector, settings.channel(), this::subscriptions, queueCapacity);
    }

    /** The hook that publishes each committed revocation: it returns at once, whatever Redis does. */
    public RevocationHook publisher() {
        return publisher;
    }

    /**
     * Starts publishing and subscribes, returning at once whether Redis is reachable or not.
     *
     * @param view    where the revocations heard are added
     * @param catchUp a read of the database (the revocation sync's), run after each subscription
     */
    public synchronized void start(RevocationView view, Runnable catchUp) {
        if (subscriber != null) {
            throw new IllegalStateException("the Redis revocation bus is started already");
        }
        RedisSubscriber started = new RedisSubscriber(connector, settings.channel(), view, catchUp);
        subscriber = started;
        publisher.start();
        started.start();
    }

    /** Whether this node is subscribed to the channel right now. */
    public boolean connected() {
        RedisSubscriber current = subscriber;
        return current != null && current.connected();
    }

    /** Revocations this node published. */
    public long published() {
        return publisher.published();
    }

    /** Revocations this node did not publish: its queue was full, Redis could not take them, or Signoff stopped. */
    public long dropped() {
        return publisher.dropped();
    }

    /** Revocations received from the channel (this node's own included) and added to the view. */
    public long received() {
        RedisSubscriber current = subscriber;
        return current == null ? 0 : current.received();
    }

    /** Messages received from the channel that were not revocations, and were dropped. */
    public long ignored() {
        RedisSubscriber current = subscriber;
        return current == null ? 0 : current.ignored();
    }

    public RedisSettings settings() {
        return settings;
    }

    private long subscriptions() {
        RedisSubscriber current = subscriber;
        return current == null ? 0 : current.subscriptions();
    }

    @Override
    public void close() {
        RedisSubscriber current = subscriber;
        if (current != null) {
            current.close();
        }
        publisher.close();
    }
}
