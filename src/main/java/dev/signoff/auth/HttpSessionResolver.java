package dev.signoff.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Optional;

/**
 * The login kept in the request's HttpSession: a Signoff login ({@link HttpSessionLogin}), else the container's own
 * login kept in it (FORM authentication). The container's authentication of a single request (BASIC on every
 * request) without a session is no credential here: no logout could end it. Never creates a session. Thread-safe.
 */
public final class HttpSessionResolver implements CredentialResolver {

    @Override
    public Optional<Credential> resolve(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        HttpSessionLogin login = HttpSessions.login(session);
        if (login != null) {
            return Optional.of(new Credential.SignoffSession(session, login));
        }
        Principal principal = HttpSessions.id(session) == null ? null : request.getUserPrincipal();
        return principal == null ? Optional.empty() : Optional.of(new Credential.ContainerSession(session, principal));
    }
}
