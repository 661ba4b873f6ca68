package dev.signoff.auth;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;

/**
 * A credential found in a request by a {@link CredentialResolver}. Java 17 cannot switch on a sealed type, so each
 * kind names itself ({@link #kind()}) and code that handles credentials switches on that, exhaustively and without
 * {@code default}: a new kind fails the compilation wherever it is not handled yet.
 */
public sealed interface Credential permits Credential.AccessToken, Credential.RefreshToken, Credential.SignoffSession,
        Credential.ContainerSession {

    /** The kinds of credential. */
    enum Kind { ACCESS_TOKEN, REFRESH_TOKEN, SIGNOFF_SESSION, CONTAINER_SESSION }

    Kind kind();

    /** Where it came from. */
    CredentialSource source();

    /** An access token (a JWT) from the {@code Authorization: Bearer} header or the access-token cookie. */
    record AccessToken(String token, CredentialSource source) implements Credential {
        @Override
        public Kind kind() {
            return Kind.ACCESS_TOKEN;
        }

        @Override
        public String toString() {
            return "Credential[" + source.configName() + "]";
        }
    }

    /** An opaque refresh token, from the refresh-token cookie. */
    record RefreshToken(String token, CredentialSource source) implements Credential {
        @Override
        public Kind kind() {
            return Kind.REFRESH_TOKEN;
        }

        @Override
        public String toString() {
            return "Credential[" + source.configName() + "]";
        }
    }

    /** A Signoff login kept in the container's HttpSession. */
    record SignoffSession(HttpSession session, HttpSessionLogin login) implements Credential {
        @Override
        public Kind kind() {
            return Kind.SIGNOFF_SESSION;
        }

        @Override
        public CredentialSource source() {
            return CredentialSource.SESSION;
        }

        @Override
        public String toString() {
            return "Credential[session of " + login.subject() + "]";
        }
    }

    /** The container's own login (FORM authentication) kept in its HttpSession. */
    record ContainerSession(HttpSession session, Principal principal) implements Credential {
        @Override
        public Kind kind() {
            return Kind.CONTAINER_SESSION;
        }

        @Override
        public CredentialSource source() {
            return CredentialSource.SESSION;
        }

        @Override
        public String toString() {
            return "Credential[container session of " + principal.getName() + "]";
        }
    }
}
