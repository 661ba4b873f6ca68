package dev.signoff.auth;

import dev.signoff.http.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Reads one source of credentials from a request (Spring Security's {@code BearerTokenResolver} shape). Resolvers
 * only read: they decide nothing about the credential's worth. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface CredentialResolver {

    /**
     * @return the credential of this source, or empty when the request carries none
     * @throws BadRequestException when the source is present but malformed (a client error, answered 400)
     */
    Optional<Credential> resolve(HttpServletRequest request) throws BadRequestException;
}
