package dev.signoff.bus;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the Redis revocation bus is, from the {@code signoff.revocation.redis-*} context-params; no URL, no bus.
 * Immutable; the password is never part of the text form, nor of an error message.
 *
 * @param tls      {@code rediss://}: TLS, the server's certificate checked against the JVM's trust store and its host
 *                 name
 * @param host     the Redis host
 * @param port     its port, default 6379
 * @param database the database number of the URL ({@code /N}, default 0): accepted so that a URL shared with other
 *                 clients works, but pub/sub channels are the same in every database, so none is selected
 * @param user     the ACL user ({@code redis://USER:PASSWORD@host}), or {@code null} for the default user
 * @param password from the URL ({@code redis://:PASSWORD@host}) or {@code signoff.revocation.redis-password}
 *                 ({@code -env}, {@code -file}), not both; or {@code null}
 * @param channel  {@code signoff.revocation.redis-channel}, default {@value #DEFAULT_CHANNEL}: the nodes of one
 *                 cluster share it, and another cluster on the same Redis needs its own
 */
public record RedisSettings(boolean tls, String host, int port, int database, String user, String password, String channel) {

    public static final String URL = "signoff.revocation.redis-url";
    public static final String PASSWORD = "signoff.revocation.redis-password";
    public static final String CHANNEL = "signoff.revocation.redis-channel";
    public static final String DEFAULT_CHANNEL = "signoff:revocations";
    public static final int DEFAULT_PORT = 6379;

    /** Every context-param read here. */
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of(URL, CHANNEL));
        names.addAll(Params.secretNames(PASSWORD));
        NAMES = List.copyOf(names);
    }

    private static final String ACCEPTS = "expected redis://HOST[:PORT][/DATABASE] or rediss://HOST[:PORT][/DATABASE] (TLS), "
            + "with USER:PASSWORD@ or :PASSWORD@ before the host if Redis needs a password";

    /** The settings, or {@code null} when {@value #URL} is not set (then the other two must not be either). */
    public static RedisSettings parse(Params params) {
        String url = params.string(URL, null);
        String password = params.secret(PASSWORD);
        String channel = params.string(CHANNEL, null);
        if (url == null) {
            if (password != null) {
                throw new ConfigException(PASSWORD, "is set but " + URL + " is not");
            }
            if (channel != null) {
                throw new ConfigException(CHANNEL, "is set but " + URL + " is not");
            }
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw bad(url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw bad(url);
        }
        int database = 0;
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw bad(url);
            }
            if (database < 0) {
                throw bad(url);
            }
        }
        String user = null;
        String urlPassword = null;
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? null : userInfo.substring(0, colon);
            urlPassword = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            user = user == null || user.isEmpty() ? null : user;
            urlPassword = urlPassword.isEmpty() ? null : urlPassword;
        }
        if (urlPassword != null && password != null) {
            throw new ConfigException(PASSWORD, "the password is given both here and in " + URL + ": give it once");
        }
        return new RedisSettings(scheme.equals("rediss"), uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database,
                user, urlPassword != null ? urlPassword : password, channel == null ? DEFAULT_CHANNEL : channel);
    }

    /** The URL without user and password, for log lines: {@code redis://host:port/db}. */
    public String safeUrl() {
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "rediss" : "redis") + "://" + shownHost + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "(set)")
                + ", channel=" + channel + "]";
    }

    private static ConfigException bad(String url) {
        return new ConfigException(URL, ACCEPTS + " but was '" + redacted(url) + "'");
    }

    /** {@code url} with whatever stands between the scheme and the last {@code @} replaced: it may be a password. */
    static String redacted(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int start = url.indexOf("://");
        start = start < 0 || start > at ? 0 : start + 3;
        return url.substring(0, start) + "***" + url.substring(at);
    }
}
