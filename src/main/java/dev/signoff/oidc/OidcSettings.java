package dev.signoff.oidc;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;

/**
 * The external OpenID Provider whose back-channel logouts Signoff receives (OpenID Connect Back-Channel Logout 1.0):
 * {@value #ISSUER} (its {@code iss}), {@value #CLIENT_ID} (Signoff's client id there, required in the logout token's
 * {@code aud}) and its keys, from {@value #JWKS_URL} (an {@code https} URL, or {@code http} to a loopback address)
 * or {@value #JWKS_FILE} (a JWK set file). Without any of them the receiver is off (404). Immutable.
 *
 * @param issuer   the provider's issuer identifier, compared exactly with {@code iss}
 * @param clientId Signoff's client id at the provider
 * @param jwksUrl  where the provider publishes its keys, or {@code null}
 * @param jwksFile the public keys of a JWK set file, read when the settings are parsed, or {@code null}
 */
public record OidcSettings(String issuer, String clientId, URI jwksUrl, JWKSet jwksFile) {

    public static final String ISSUER = "signoff.oidc.issuer";
    public static final String CLIENT_ID = "signoff.oidc.client-id";
    public static final String JWKS_URL = "signoff.oidc.jwks-url";
    public static final String JWKS_FILE = "signoff.oidc.jwks-file";

    /** Every context-param read here. */
    public static final List<String> NAMES = List.of(ISSUER, CLIENT_ID, JWKS_URL, JWKS_FILE);

    /** The provider, or {@code null} when none of the parameters is set. */
    public static OidcSettings parse(Params params) {
        if (NAMES.stream().noneMatch(params.source()::isSet)) {
            return null;
        }
        String issuer = params.required(ISSUER, "the OpenID Provider's issuer identifier, as its tokens' iss");
        String clientId = params.required(CLIENT_ID, "Signoff's client id at the OpenID Provider, as its logout tokens' aud");
        String url = params.source().get(JWKS_URL);
        String file = params.source().get(JWKS_FILE);
        if ((url == null) == (file == null)) {
            throw new ConfigException(JWKS_URL, "set exactly one of " + JWKS_URL + " and " + JWKS_FILE + " (the OpenID Provider's keys)");
        }
        if (file != null) {
            return new OidcSettings(issuer, clientId, null, publicKeys(file));
        }
        return new OidcSettings(issuer, clientId, checkedUrl(url), null);
    }

    private static JWKSet publicKeys(String file) {
        JWKSet keys;
        try {
            keys = JWKSet.load(Path.of(file).toFile()).toPublicJWKSet();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(JWKS_FILE, "cannot read the JWK set file '" + file + "': " + e.getClass().getSimpleName());
        } catch (ParseException e) {
            throw new ConfigException(JWKS_FILE, "'" + file + "' is not a JWK set (RFC 7517 §5): " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new ConfigException(JWKS_FILE, "'" + file + "' holds no public key");
        }
        return keys;
    }

    /** An {@code https} URL, or an {@code http} one whose host is a loopback address. */
    static URI checkedUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(JWKS_URL, "'" + value + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ConfigException(JWKS_URL, "expected an https URL such as https://idp.example.com/jwks but was '" + value + "'");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new ConfigException(JWKS_URL, "an http URL is accepted for a loopback address only (127.0.0.1, [::1], localhost); "
                    + "use https for '" + uri.getHost() + "'");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            // a name other than localhost is not resolved here: its address could change after the check
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
