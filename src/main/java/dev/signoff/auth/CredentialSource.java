package dev.signoff.auth;

import java.util.Arrays;
import java.util.List;

/** Where a credential can come from; the names are what {@code credentials} init-params list. */
public enum CredentialSource {
    /** {@code Authorization: Bearer} (RFC 6750 §2.1) */
    BEARER("bearer"),
    /** the access-token cookie, {@code signoff.cookie.access.*} */
    COOKIE("cookie"),
    /** the refresh-token cookie, {@code signoff.cookie.refresh.*} (logout only) */
    REFRESH_COOKIE("refresh-cookie"),
    /** the container's HttpSession: a Signoff login kept in it, or the container's own authentication */
    SESSION("session");

    private final String configName;

    CredentialSource(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static List<String> configNames(CredentialSource... sources) {
        return Arrays.stream(sources).map(CredentialSource::configName).toList();
    }

    public static CredentialSource ofConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst().orElseThrow();
    }
}
