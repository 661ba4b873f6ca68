package dev.signoff.login;

import java.util.Set;

/**
 * What a login or a refresh hands out.
 *
 * @param accessToken  the signed JWT
 * @param expiresIn    the access token's lifetime in seconds ({@code expires_in}, RFC 6749 §5.1)
 * @param refreshToken the opaque refresh token; only its hash is stored
 * @param sessionId    the login session both belong to
 * @param subject      the user
 * @param roles        the roles carried by the access token
 */
public record IssuedTokens(String accessToken, long expiresIn, String refreshToken, String sessionId, String subject, Set<String> roles) {

    public IssuedTokens {
        roles = Set.copyOf(roles);
    }

    /** Hides the tokens: this object may end up in a log line. */
    @Override
    public String toString() {
        return "IssuedTokens[subject=" + subject + ", session=" + sessionId + ", expiresIn=" + expiresIn + "]";
    }
}
