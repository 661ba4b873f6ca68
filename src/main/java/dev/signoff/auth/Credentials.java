package dev.signoff.auth;

import dev.signoff.deploy.CommonSettings;
import dev.signoff.http.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * The credential sources a filter or servlet reads, in its configured order ({@code credentials} init-param). The
 * first source that holds something decides: a bad credential is never passed over for the next. Immutable and
 * thread-safe.
 */
public final class Credentials {

    private final List<CredentialSource> sources;
    private final List<CredentialResolver> resolvers;

    public Credentials(List<CredentialSource> sources, CommonSettings common) {
        this.sources = List.copyOf(sources);
        this.resolvers = sources.stream().map(s -> s.resolver(common)).toList();
    }

    /**
     * The first credential present in {@code request}.
     *
     * @throws BadRequestException for a present but malformed credential ({@code Authorization: Bearer} breaking
     *                             RFC 6750 §2.1)
     */
    public Optional<Credential> find(HttpServletRequest request) throws BadRequestException {
        for (CredentialResolver resolver : resolvers) {
            Optional<Credential> found = resolver.resolve(request);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public boolean contains(CredentialSource source) {
        return sources.contains(source);
    }
}
