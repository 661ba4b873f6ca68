package dev.signoff.bus;

import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens connections to the Redis of {@link RedisSettings}: RESP2, {@value #TIMEOUT_MS} ms to connect and to wait for
 * each answer, with TLS ({@code rediss://}) the host name checked against the certificate. Built once; thread-safe.
 */
final class RedisConnector {

    static final int TIMEOUT_MS = 2_000;

    private final HostAndPort address;
    private final JedisClientConfig config;
    private final String safeUrl;

    RedisConnector(RedisSettings settings) {
        this.address = new HostAndPort(settings.host(), settings.port());
        this.safeUrl = settings.safeUrl();
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .resp2()
                .connectionTimeoutMillis(TIMEOUT_MS)
                .socketTimeoutMillis(TIMEOUT_MS)
                .clientName("signoff")
                .user(settings.user())
                .password(settings.password());
        if (settings.tls()) {
            SSLParameters tls = new SSLParameters();
            tls.setEndpointIdentificationAlgorithm("HTTPS");
            builder.ssl(true).sslParameters(tls);
        }
        this.config = builder.build();
    }

    /** A new, connected and authenticated connection; the caller closes it. */
    Jedis open() {
        Jedis jedis = new Jedis(address, config);
        try {
            jedis.ping();
            return jedis;
        } catch (JedisException | IllegalStateException e) {
            jedis.close();
            throw e;
        }
    }

    /** The URL without user and password, for log lines. */
    String safeUrl() {
        return safeUrl;
    }

    /** What went wrong, for a log line: the exception's message, or its deepest cause's when it has none of its own. */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
