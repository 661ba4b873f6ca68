package dev.signoff.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A login session as the rest of Signoff sees it.
 *
 * @param id        the session id ({@code sid} in access tokens)
 * @param subject   the user
 * @param roles     the roles granted at login
 * @param createdAt epoch milliseconds
 * @param revokedAt epoch milliseconds, or {@code null} while the session is alive
 */
public record SessionInfo(String id, String subject, Set<String> roles, long createdAt, Long revokedAt) {

    public SessionInfo {
        roles = Set.copyOf(roles);
    }

    public boolean active() {
        return revokedAt == null;
    }

    static SessionInfo of(LoginSession s) {
        return new SessionInfo(s.id(), s.subject(), splitRoles(s.roles()), s.createdAt(), s.revokedAt());
    }

    static String joinRoles(Collection<String> roles) {
        return String.join(",", roles);
    }

    static Set<String> splitRoles(String roles) {
        if (roles == null || roles.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(roles.split(",")).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
