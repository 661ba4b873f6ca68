package dev.signoff.token;

import java.util.Set;

/**
 * The verified content of an access token.
 *
 * @param subject   {@code sub}: the user name
 * @param sessionId {@code sid}: the login session the token belongs to (required: a token without one is refused)
 * @param tokenId   {@code jti}
 * @param roles     the {@code roles} claim, never {@code null}
 * @param issuedAt  {@code iat}, epoch seconds
 * @param expiresAt {@code exp}, epoch seconds
 */
public record AccessToken(String subject, String sessionId, String tokenId, Set<String> roles, long issuedAt, long expiresAt) {

    public AccessToken {
        roles = Set.copyOf(roles);
    }
}
