package dev.signoff.auth;

import dev.signoff.Signoff;
import dev.signoff.revocation.RevocationView;
import dev.signoff.token.AccessToken;
import dev.signoff.token.InvalidTokenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;

/**
 * Decides whether a {@link Credential} authenticates its request, from memory only: token signature and
 * claims, and the revocation view. An HttpSession whose login was revoked (by a logout of its session or of
 * its user on all devices, on any node) is invalidated on the spot, and the ones that pass are followed by
 * {@link LoggedInSessions} so that a later revocation invalidates them at once. This class is thread-safe.
 */
public final class Authenticator {

    private final Signoff signoff;

    public Authenticator(Signoff signoff) {
        this.signoff = signoff;
    }

    /** What the credential is worth. */
    public sealed interface Outcome permits Authenticated, ContainerAuthenticated, Refused {
    }

    /** A Signoff credential: the request is wrapped so that it answers for {@code principal}. */
    public record Authenticated(SignoffPrincipal principal) implements Outcome {
    }

    /** The container's own login, kept in the HttpSession: the request goes on unchanged. */
    public record ContainerAuthenticated(Principal principal) implements Outcome {
    }

    /** Refused, for {@code reason} (a debug log line, never sent to the client). */
    public record Refused(String reason) implements Outcome {
    }

    public Outcome authenticate(Credential credential, HttpServletRequest request) {
        if (credential.source() == CredentialSource.SESSION) {
            return session(credential.session(), request);
        }
        try {
            AccessToken token = signoff.authenticate(credential.token());
            return new Authenticated(new SignoffPrincipal(token.subject(), token.roles(), token.sessionId(), token.tokenId(),
                    credential.source()));
        } catch (InvalidTokenException e) {
            return new Refused(e.getMessage());
        }
    }

    private Outcome session(HttpSession session, HttpServletRequest request) {
        RevocationView revocations = signoff.revocations();
        try {
            SessionLogin login = (SessionLogin) session.getAttribute(SessionLogin.ATTRIBUTE);
            if (login != null) {
                if (revocations.isLoginRevoked(login.subject(), login.sessionId(), login.authenticatedAt())) {
                    session.invalidate();
                    return new Refused("HttpSession of " + login.subject() + " belongs to revoked session " + login.sessionId());
                }
                follow(session, login.subject(), login.sessionId(), login.authenticatedAt());
                return new Authenticated(new SignoffPrincipal(login.subject(), login.roles(), login.sessionId(), null,
                        CredentialSource.SESSION));
            }
            Principal principal = request.getUserPrincipal();
            if (principal == null) {
                return new Refused("HttpSession without a login");
            }
            if (revocations.isLoginRevoked(principal.getName(), null, session.getCreationTime())) {
                session.invalidate();
                return new Refused("container login of " + principal.getName() + " predates logout on all devices");
            }
            follow(session, principal.getName(), null, session.getCreationTime());
            return new ContainerAuthenticated(principal);
        } catch (IllegalStateException invalidated) {
            return new Refused("HttpSession invalidated meanwhile");
        }
    }

    /** Sessions restored or replicated by the container were never seen being logged in: follow them from here on. */
    private void follow(HttpSession session, String subject, String sessionId, long authenticatedAt) {
        LoggedInSessions sessions = signoff.loggedInSessions();
        if (!sessions.contains(session.getId())) {
            sessions.add(session, subject, sessionId, authenticatedAt);
        }
    }
}
