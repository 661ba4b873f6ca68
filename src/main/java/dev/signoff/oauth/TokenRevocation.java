package dev.signoff.oauth;

import dev.signoff.auth.AccessTokens;
import dev.signoff.events.LogoutReason;
import dev.signoff.logout.Logouts;
import dev.signoff.store.StoreException;
import dev.signoff.token.AccessToken;
import dev.signoff.token.Ids;
import dev.signoff.token.InvalidTokenException;

/**
 * RFC 7009 token revocation through the logout steps ({@link Logouts}, reason {@link LogoutReason#REVOCATION}):
 * a refresh token ends its login session; an access token is refused by its {@code jti} until it expires, here at
 * once and on the other nodes at their next sync, while its session lives on. An unknown, invalid, expired or
 * already revoked token changes nothing (§2.2). The kind is told by the token's shape (a refresh token is 43
 * base64url characters, which no JWT is), so an access token is never looked up in the database. Thread-safe.
 */
public final class TokenRevocation {

    /** The {@code token_type_hint} values of RFC 7009 §2.1 that Signoff issues. */
    public static final java.util.Set<String> HINTS = java.util.Set.of("access_token", "refresh_token");

    private static final System.Logger LOG = System.getLogger(TokenRevocation.class.getName());

    private final AccessTokens accessTokens;
    private final Logouts logouts;

    public TokenRevocation(AccessTokens accessTokens, Logouts logouts) {
        this.accessTokens = accessTokens;
        this.logouts = logouts;
    }

    /**
     * @return whether something live was ended
     * @throws StoreException when the database failed (a live token is refused on this node anyway)
     */
    public boolean revoke(String token) {
        if (Ids.isRefreshTokenShaped(token)) {
            return logouts.endSessionOfRefreshToken(token, LogoutReason.REVOCATION);
        }
        AccessToken verified;
        try {
            verified = accessTokens.authenticate(token);
        } catch (InvalidTokenException e) {
            LOG.log(System.Logger.Level.DEBUG, "revocation of an access token not live: {0}", e.getMessage());
            return false;
        }
        logouts.endSession(verified.subject(), null, verified, LogoutReason.REVOCATION);
        return true;
    }
}
