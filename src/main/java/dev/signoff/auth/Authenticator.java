package dev.signoff.auth;

import dev.signoff.revocation.RevocationView;
import dev.signoff.token.AccessToken;
import dev.signoff.token.Ids;
import dev.signoff.token.InvalidTokenException;
import java.security.Principal;
import java.util.function.BooleanSupplier;

/**
 * Decides whether a {@link Credential} authenticates its request, from memory only: token signature and
 * claims, and the revocation view. An HttpSession whose login was revoked (by a logout of its session or of
 * its user on all devices, on any node) is invalidated on the spot, and the ones that pass are followed by
 * {@link HttpSessionRegistry} so that a later revocation invalidates them at once. Any unexpected failure while
 * checking is a refusal, never an error of the request. This class is thread-safe.
 */
public final class Authenticator {

    private final AccessTokens tokens;
    private final HttpSessionRegistry httpSessions;
    private final BooleanSupplier revocationsStale;

    /**
     * @param revocationsStale whether the revocation view is older than {@code signoff.revocation.max-staleness}
     */
    public Authenticator(AccessTokens tokens, HttpSessionRegistry httpSessions, BooleanSupplier revocationsStale) {
        this.tokens = tokens;
        this.httpSessions = httpSessions;
        this.revocationsStale = revocationsStale;
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

    /**
     * Refused, for {@code reason} (a debug log line, never sent to the client) of the class {@code kind} (the
     * refusal counter's tag).
     */
    public record Refused(String reason, InvalidTokenException.Kind kind) implements Outcome {

        /** A refusal of a credential that is not what this request path accepts. */
        public Refused(String reason) {
            this(reason, InvalidTokenException.Kind.MALFORMED);
        }
    }

    /** Whether revocations could not be read for longer than the staleness bound: authentication must wait. */
    public boolean revocationsStale() {
        return revocationsStale.getAsBoolean();
    }

    public Outcome authenticate(Credential credential) {
        try {
            return switch (credential.kind()) {
                case ACCESS_TOKEN -> accessToken((Credential.AccessToken) credential);
                case REFRESH_TOKEN -> new Refused("a refresh token does not authenticate a request");
                case SIGNOFF_SESSION -> signoffSession((Credential.SignoffSession) credential);
                case CONTAINER_SESSION -> containerSession((Credential.ContainerSession) credential);
            };
        } catch (RuntimeException e) {
            return new Refused("checking the credential failed: " + e);
        }
    }

    private Outcome accessToken(Credential.AccessToken credential) {
        try {
            AccessToken token = tokens.authenticate(credential.token());
            return new Authenticated(new SignoffPrincipal(token.subject(), token.roles(), token.sessionId(), token.tokenId(),
                    credential.source()));
        } catch (InvalidTokenException e) {
            return new Refused(e.getMessage(), e.kind());
        }
    }

    private Outcome signoffSession(Credential.SignoffSession credential) {
        HttpSessionLogin login = credential.login();
        RevocationView revocations = tokens.revocations();
        if (revocations.isLoginRevoked(login.subject(), login.sessionId(), login.authenticatedAt())) {
            HttpSessions.invalidate(credential.session());
            return new Refused("HttpSession of " + login.subject() + " belongs to revoked session " + Ids.forLog(login.sessionId()),
                    InvalidTokenException.Kind.REVOKED);
        }
        httpSessions.follow(credential.session(), login.subject(), login.sessionId(), login.authenticatedAt());
        return new Authenticated(new SignoffPrincipal(login.subject(), login.roles(), login.sessionId(), null, CredentialSource.SESSION));
    }

    private Outcome containerSession(Credential.ContainerSession credential) {
        String subject = credential.principal().getName();
        long createdAt = HttpSessions.creationTime(credential.session());
        if (createdAt < 0) {
            return new Refused("HttpSession invalidated meanwhile", InvalidTokenException.Kind.REVOKED);
        }
        if (tokens.revocations().isLoginRevoked(subject, null, createdAt)) {
            HttpSessions.invalidate(credential.session());
            return new Refused("container login of " + subject + " predates logout on all devices", InvalidTokenException.Kind.REVOKED);
        }
        httpSessions.follow(credential.session(), subject, null, createdAt);
        return new ContainerAuthenticated(credential.principal());
    }
}
