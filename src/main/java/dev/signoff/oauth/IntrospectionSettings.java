package dev.signoff.oauth;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The one client allowed to call RFC 7662 token introspection ({@code POST /auth/introspect}), authenticating with
 * HTTP Basic (RFC 7617, the {@code client_secret_basic} of RFC 6749 §2.3.1): {@value #CLIENT_ID} and
 * {@value #CLIENT_SECRET} ({@code -env}, {@code -file}). Without both, introspection is off and the endpoint
 * answers 404. Immutable and thread-safe; {@link #toString()} hides the secret.
 */
public final class IntrospectionSettings {

    public static final String CLIENT_ID = "signoff.introspection.client-id";
    public static final String CLIENT_SECRET = "signoff.introspection.client-secret";

    /** Every context-param read here. */
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of(CLIENT_ID));
        names.addAll(Params.secretNames(CLIENT_SECRET));
        NAMES = List.copyOf(names);
    }

    private static final int MIN_SECRET_LENGTH = 16;

    private final String clientId;
    private final byte[] expectedAuthorization;

    private IntrospectionSettings(String clientId, String secret) {
        this.clientId = clientId;
        this.expectedAuthorization = Base64.getEncoder().encodeToString(
                (formEncoded(clientId) + ":" + formEncoded(secret)).getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The introspection client, or {@code null} when neither parameter is set. */
    public static IntrospectionSettings parse(Params params) {
        String clientId = params.source().get(CLIENT_ID);
        String secret = params.secret(CLIENT_SECRET);
        if (clientId == null && secret == null) {
            return null;
        }
        if (clientId == null || clientId.isBlank()) {
            throw new ConfigException(CLIENT_ID, "is required with " + CLIENT_SECRET + "; expected the client id resource servers send");
        }
        if (secret == null) {
            throw new ConfigException(CLIENT_SECRET, "is required with " + CLIENT_ID + "; set " + CLIENT_SECRET + ", "
                    + CLIENT_SECRET + "-env or " + CLIENT_SECRET + "-file");
        }
        if (clientId.contains(":")) {
            throw new ConfigException(CLIENT_ID, "must not contain ':'");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException(CLIENT_SECRET, "must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        return new IntrospectionSettings(clientId, secret);
    }

    public String clientId() {
        return clientId;
    }

    /**
     * Whether {@code authorization} (the request's header) carries this client's id and secret. RFC 6749 §2.3.1
     * form-encodes both before Base64; clients that do not encode send the same bytes for ids and secrets without
     * reserved characters. Compared in constant time.
     */
    public boolean authenticates(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        return MessageDigest.isEqual(expectedAuthorization, authorization.substring(6).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static String formEncoded(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "IntrospectionSettings[clientId=" + clientId + ", secret=(hidden)]";
    }
}
