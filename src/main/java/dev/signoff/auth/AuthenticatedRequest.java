package dev.signoff.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** A request authenticated by Signoff: principal, remote user and roles answer for {@link SignoffPrincipal}. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final SignoffPrincipal principal;

    AuthenticatedRequest(HttpServletRequest request, SignoffPrincipal principal) {
        super(request);
        this.principal = principal;
        request.setAttribute(AuthFilter.PRINCIPAL_ATTRIBUTE, principal);
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.name();
    }

    /** {@code "**"} is any authenticated user (Servlet 6.0 §13.3). */
    @Override
    public boolean isUserInRole(String role) {
        return "**".equals(role) || principal.roles().contains(role);
    }

    @Override
    public String getAuthType() {
        return principal.source() == CredentialSource.SESSION ? "SIGNOFF_SESSION" : "BEARER";
    }
}
