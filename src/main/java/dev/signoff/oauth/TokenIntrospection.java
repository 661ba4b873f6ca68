package dev.signoff.oauth;

import dev.signoff.auth.AccessTokens;
import dev.signoff.store.RefreshTokenState;
import dev.signoff.store.StoreException;
import dev.signoff.store.TokenStore;
import dev.signoff.token.AccessToken;
import dev.signoff.token.Ids;
import dev.signoff.token.InvalidTokenException;
import dev.signoff.token.TokenSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * RFC 7662 token introspection: what Signoff knows of a token, for resource servers that are not Signoff. An
 * access token is answered from memory, as {@code AuthFilter} would authenticate it (signature, claims, the revocation
 * view): no database statement. A refresh token (43 base64url characters, which no JWT is) is looked up in the
 * database: live while it is neither consumed nor expired and its session is live. Anything else is
 * {@code {"active":false}} (§2.2). The kind of token is told by its shape, so the {@code token_type_hint} is not
 * needed (§2.1 lets the server ignore it). Thread-safe.
 */
public final class TokenIntrospection {

    /** The answer for anything not live. */
    public static final Map<String, Object> INACTIVE = Map.of("active", false);

    private static final System.Logger LOG = System.getLogger(TokenIntrospection.class.getName());

    private final AccessTokens accessTokens;
    private final TokenStore store;
    private final TokenSettings settings;
    private final Clock clock;
    private final IntrospectionSettings client;

    /** @param client the client allowed to call, or {@code null}: introspection is off */
    public TokenIntrospection(AccessTokens accessTokens, TokenStore store, TokenSettings settings, Clock clock,
                              IntrospectionSettings client) {
        this.client = client;
        this.accessTokens = accessTokens;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** The client allowed to call; empty when introspection is not configured. */
    public Optional<IntrospectionSettings> client() {
        return Optional.ofNullable(client);
    }

    /**
     * The introspection response's members, in the order RFC 7662 §2.2 lists them.
     *
     * @throws StoreException when a refresh token could not be looked up
     */
    public Map<String, Object> introspect(String token) {
        if (Ids.isRefreshTokenShaped(token)) {
            return refreshToken(token);
        }
        AccessToken verified;
        try {
            verified = accessTokens.authenticate(token);
        } catch (InvalidTokenException e) {
            LOG.log(System.Logger.Level.DEBUG, "introspection of an access token not live: {0}", e.getMessage());
            return INACTIVE;
        }
        return active(verified.subject(), verified.sessionId(), verified.tokenId(), verified.expiresAt(), verified.issuedAt(),
                "access_token", verified.roles());
    }

    private Map<String, Object> refreshToken(String token) {
        Optional<RefreshTokenState> found = store.refreshToken(Ids.hash(token));
        long now = clock.millis();
        if (found.isEmpty() || !found.get().liveAt(now)) {
            return INACTIVE;
        }
        RefreshTokenState state = found.get();
        var session = state.session();
        if (accessTokens.revocations().isLoginRevoked(session.subject(), session.id(), session.createdAt())) {
            return INACTIVE;
        }
        return active(session.subject(), session.id(), null, Math.min(state.expiresAt(), state.sessionExpiresAt()) / 1000,
                state.issuedAt() / 1000, "refresh_token", session.roles());
    }

    private Map<String, Object> active(String subject, String sessionId, String jti, long exp, long iat, String type,
                                       java.util.Set<String> roles) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("sub", subject);
        answer.put("sid", sessionId);
        if (jti != null) {
            answer.put("jti", jti);
        }
        answer.put("iss", settings.issuer());
        answer.put("aud", settings.audience());
        answer.put("exp", exp);
        answer.put("iat", iat);
        answer.put("token_type", type);
        answer.put("roles", new TreeSet<>(roles));
        return answer;
    }
}
