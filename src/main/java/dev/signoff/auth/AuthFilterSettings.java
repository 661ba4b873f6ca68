package dev.signoff.auth;

import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import java.util.List;
import java.util.Set;

/**
 * The init-params of {@link AuthFilter}.
 *
 * @param credentials      {@code credentials}: where to look, in order; default {@code bearer,cookie,session}
 * @param include          {@code include}: paths that require authentication; default {@code /*}
 * @param exclude          {@code exclude}: paths exempt from {@code include}; default none
 * @param realm            {@code realm}: the {@code realm} of the {@code WWW-Authenticate} challenge; default {@code signoff}
 * @param unauthorizedBody {@code unauthorized-body}: the JSON body of every 401; default
 *                         {@code {"error":"unauthorized","message":"Authentication required"}}
 */
public record AuthFilterSettings(List<CredentialSource> credentials, PathPatterns include, PathPatterns exclude, String realm,
                                 String unauthorizedBody) {

    public static final Set<String> NAMES = Set.of("credentials", "include", "exclude", "realm", "unauthorized-body");

    public static AuthFilterSettings parse(ConfigSource source, CommonSettings common) {
        source.rejectUnknown(NAMES, null, Set.of());
        Params params = new Params(source);
        List<CredentialSource> credentials = params.list("credentials", List.of("bearer", "cookie", "session"),
                        CredentialSource.configNames(CredentialSource.BEARER, CredentialSource.COOKIE, CredentialSource.SESSION))
                .stream().map(CredentialSource::ofConfigName).toList();
        if (credentials.isEmpty()) {
            throw new ConfigException("credentials", "lists no credential source; expected some of bearer, cookie, session");
        }
        if (credentials.contains(CredentialSource.COOKIE) && common.accessCookie() == null && source.isSet("credentials")) {
            throw new ConfigException("credentials", "lists cookie but " + CommonSettings.ACCESS_COOKIE + ".name is not set");
        }
        String realm = params.string("realm", "signoff");
        if (realm.contains("\"") || realm.contains("\\")) {
            throw new ConfigException("realm", "must not contain quotes or backslashes");
        }
        return new AuthFilterSettings(credentials, patterns(params, "include", List.of("/*")), patterns(params, "exclude", List.of()),
                realm, params.json("unauthorized-body", "{\"error\":\"unauthorized\",\"message\":\"Authentication required\"}"));
    }

    private static PathPatterns patterns(Params params, String name, List<String> defaults) {
        List<String> list = params.list(name, defaults, List.of());
        try {
            return new PathPatterns(list);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, e.getMessage());
        }
    }

    /** Whether {@code path} requires authentication. */
    public boolean protects(String path) {
        return include.matches(path) && !exclude.matches(path);
    }
}
