package dev.signoff.auth;

import dev.signoff.revocation.RevocationView;
import dev.signoff.token.AccessToken;
import dev.signoff.token.AccessTokenVerifier;
import dev.signoff.token.Ids;
import dev.signoff.token.InvalidTokenException;

/**
 * Whether an access token is good now: its signature and claims ({@link AccessTokenVerifier}), then the revocation
 * view. From memory only, never the database. Immutable and thread-safe.
 */
public final class AccessTokens {

    private final AccessTokenVerifier verifier;
    private final RevocationView revocations;

    public AccessTokens(AccessTokenVerifier verifier, RevocationView revocations) {
        this.verifier = verifier;
        this.revocations = revocations;
    }

    /** @throws InvalidTokenException with the precise reason, for a debug log */
    public AccessToken authenticate(String token) throws InvalidTokenException {
        return check(token, false);
    }

    /**
     * Like {@link #authenticate}, but with {@code allowExpired} an expired token whose signature and claims are
     * otherwise valid is accepted: logout uses this to find the session of a token that ran out.
     */
    public AccessToken check(String token, boolean allowExpired) throws InvalidTokenException {
        AccessToken verified = verifier.verify(token, allowExpired);
        if (revocations.isRevoked(verified)) {
            throw new InvalidTokenException(InvalidTokenException.Kind.REVOKED, "token " + Ids.forLog(verified.tokenId()) + " of " + verified.subject() + " is revoked");
        }
        return verified;
    }

    public RevocationView revocations() {
        return revocations;
    }
}
