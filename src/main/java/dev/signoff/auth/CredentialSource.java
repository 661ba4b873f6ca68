package dev.signoff.auth;

import dev.signoff.deploy.CommonSettings;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Where a credential can come from: the names {@code credentials} init-params list, each with its resolver. A new
 * source is one {@link CredentialResolver} class and one constant here.
 */
public enum CredentialSource {
    /** {@code Authorization: Bearer} (RFC 6750 §2.1) */
    BEARER("bearer", (common, self) -> new BearerTokenResolver()),
    /** the access-token cookie, {@code signoff.cookie.access.*} */
    COOKIE("cookie", (common, self) -> new CookieTokenResolver(common.accessCookie(), self)),
    /** the refresh-token cookie, {@code signoff.cookie.refresh.*} (logout and refresh only) */
    REFRESH_COOKIE("refresh-cookie", (common, self) -> new CookieTokenResolver(common.refreshCookie(), self)),
    /** the container's HttpSession: a Signoff login kept in it, or the container's own authentication */
    SESSION("session", (common, self) -> new HttpSessionResolver());

    private final String configName;
    private final BiFunction<CommonSettings, CredentialSource, CredentialResolver> resolver;

    CredentialSource(String configName, BiFunction<CommonSettings, CredentialSource, CredentialResolver> resolver) {
        this.configName = configName;
        this.resolver = resolver;
    }

    public String configName() {
        return configName;
    }

    /** The resolver that reads this source. */
    public CredentialResolver resolver(CommonSettings common) {
        return resolver.apply(common, this);
    }

    public static List<String> configNames(CredentialSource... sources) {
        return Arrays.stream(sources).map(CredentialSource::configName).toList();
    }

    public static CredentialSource ofConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst().orElseThrow();
    }
}
