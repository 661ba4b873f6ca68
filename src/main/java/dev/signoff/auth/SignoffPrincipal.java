package dev.signoff.auth;

import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

/**
 * The user of an authenticated request, as {@code request.getUserPrincipal()} returns it downstream of
 * {@link AuthFilter}.
 *
 * @param name      the subject
 * @param roles     the roles {@code isUserInRole} answers for
 * @param sessionId the login session ({@code sid}); {@code null} for a token issued without one
 * @param tokenId   the access token's {@code jti}; {@code null} when authenticated by an HttpSession
 * @param source    the credential that authenticated the request
 */
public record SignoffPrincipal(String name, Set<String> roles, String sessionId, String tokenId, CredentialSource source)
        implements Principal, Serializable {

    private static final long serialVersionUID = 1L;

    public SignoffPrincipal {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }
}
