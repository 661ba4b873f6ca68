package dev.signoff.store;

/**
 * The login at an external OpenID Provider that a Signoff login session continues: recorded on the session by
 * {@code Signoff.login(..., ProviderLogin)} so that the provider can end it later (OpenID Connect Back-Channel
 * Logout 1.0). A login Signoff makes with the container's realm has none.
 *
 * @param issuer    the provider's {@code iss}, as in its ID token
 * @param subject   the provider's {@code sub}, or {@code null}
 * @param sessionId the provider's {@code sid}, or {@code null} when the provider does not send one
 */
public record ProviderLogin(String issuer, String subject, String sessionId) {

    /** The longest value each field holds (the columns' length). */
    public static final int MAX_LENGTH = 255;

    public ProviderLogin {
        if (issuer == null || issuer.isEmpty()) {
            throw new IllegalArgumentException("a provider login needs the provider's issuer");
        }
        if (subject == null && sessionId == null) {
            throw new IllegalArgumentException("a provider login needs the provider's sub or sid");
        }
        for (String value : new String[] {issuer, subject, sessionId}) {
            if (value != null && (value.isEmpty() || value.length() > MAX_LENGTH)) {
                throw new IllegalArgumentException("iss, sub and sid of a provider login have 1 to " + MAX_LENGTH + " characters");
            }
        }
    }
}
