package dev.signoff.oidc;

/**
 * A logout token that passed every check of OpenID Connect Back-Channel Logout 1.0 §2.6.
 *
 * @param issuer       {@code iss}
 * @param tokenId      {@code jti}
 * @param subject      {@code sub}, or {@code null}
 * @param sessionId    {@code sid}, or {@code null} (one of the two is present)
 * @param validUntil   epoch milliseconds after which the token would be refused anyway: its {@code jti} need not be
 *                     remembered longer
 */
record LogoutToken(String issuer, String tokenId, String subject, String sessionId, long validUntil) {
}
