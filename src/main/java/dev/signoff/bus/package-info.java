/**
 * The Redis revocation bus: each node publishes the revocations it commits on a Redis channel and applies every node's
 * to its view as they arrive ({@link dev.signoff.bus.RedisBus}), on any database; the database stays the truth.
 *
 * <p>The client is Jedis, not Lettuce. A subscription needs one connection that only reads, and publishing here is a
 * trickle from one thread: Jedis does both with plain blocking sockets on threads Signoff owns and stops, which is
 * all a bus of three threads needs. Lettuce 7.7 would bring Netty 4.2 and Reactor (7.6 MB in the war, against Jedis
 * 8.0.2's 1.5 MB with its pool and SLF4J), event-loop threads of its own that must be shut down on every
 * undeployment to avoid class-loader leaks, and in WildFly, which ships its own Netty, a second Netty beside the
 * server's.
 */
package dev.signoff.bus;
