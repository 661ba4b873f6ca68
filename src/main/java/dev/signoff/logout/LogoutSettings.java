package dev.signoff.logout;

import dev.signoff.auth.CredentialSource;
import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.events.LogoutScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The init-params of {@link LogoutServlet}: what it ends, how it finds the user, and what it answers, so that
 * an existing logout contract can be reproduced by configuration alone.
 *
 * @param scope          {@code scope}: {@code session} (default) or {@code user}
 * @param credentials    {@code credentials}: where to find the login, in order; default
 *                       {@code bearer,cookie,refresh-cookie,session} (those whose cookie is configured)
 * @param acceptExpired  {@code accept-expired}: whether an expired access token with a valid signature still
 *                       identifies its session; default {@code true}
 * @param clearCookies   {@code clear-cookies}: cookies to clear, of {@code access}, {@code refresh}, {@code session},
 *                       or {@code none}; default every one configured
 * @param clearCookiesOn {@code clear-cookies-on}: the results whose answer clears the cookies and sends
 *                       {@code Clear-Site-Data}, of {@code success}, {@code missing}, {@code invalid}, {@code error};
 *                       default all four
 * @param clearSiteData  {@code clear-site-data}: {@code Clear-Site-Data} directives ({@code cache}, {@code cookies},
 *                       {@code storage}, {@code executionContexts}, {@code *}); default none
 * @param success        {@code success-status} (200) and {@code success-body} ({@code {"message":"Logged out"}})
 * @param missing        {@code missing-status} (401) and {@code missing-body}: no credential was sent
 * @param invalid        {@code invalid-status} and {@code invalid-body}: a credential was sent but names no live
 *                       login (bad, expired, revoked, unknown); default: as {@code missing}
 * @param error          {@code error-status} (500; 400 to 599, never a success) and {@code error-body}: the database failed
 * @param realm          {@code realm} of the {@code WWW-Authenticate} challenge sent with a 401; default {@code signoff}
 */
public record LogoutSettings(LogoutScope scope, List<CredentialSource> credentials, boolean acceptExpired, List<String> clearCookies,
                             Set<LogoutResult> clearCookiesOn, List<String> clearSiteData, Answer success, Answer missing, Answer invalid, Answer error, String realm) {

    /** A status and a JSON body. */
    public record Answer(int status, String body) {
    }

    public static final Set<String> NAMES = Set.of("scope", "credentials", "accept-expired", "clear-cookies", "clear-cookies-on", "clear-site-data",
            "success-status", "success-body", "missing-status", "missing-body", "invalid-status", "invalid-body",
            "error-status", "error-body", "realm");

    public static LogoutSettings parse(ConfigSource source, CommonSettings signoff) {
        source.rejectUnknown(NAMES, null, Set.of());
        Params params = new Params(source);
        LogoutScope scope = LogoutScope.valueOf(params.oneOf("scope", "session", List.of("session", "user")).toUpperCase(Locale.ROOT));

        List<String> defaultSources = new ArrayList<>(List.of("bearer"));
        if (signoff.accessCookie() != null) {
            defaultSources.add("cookie");
        }
        if (signoff.refreshCookie() != null) {
            defaultSources.add("refresh-cookie");
        }
        defaultSources.add("session");
        List<CredentialSource> credentials = params.list("credentials", defaultSources,
                CredentialSource.configNames(CredentialSource.values())).stream().map(CredentialSource::ofConfigName).toList();
        requireCookie(credentials.contains(CredentialSource.COOKIE) && signoff.accessCookie() == null, "credentials",
                "cookie", CommonSettings.ACCESS_COOKIE);
        requireCookie(credentials.contains(CredentialSource.REFRESH_COOKIE) && signoff.refreshCookie() == null, "credentials",
                "refresh-cookie", CommonSettings.REFRESH_COOKIE);

        List<String> defaultCookies = new ArrayList<>();
        if (signoff.accessCookie() != null) {
            defaultCookies.add("access");
        }
        if (signoff.refreshCookie() != null) {
            defaultCookies.add("refresh");
        }
        defaultCookies.add("session");
        List<String> clearCookies = params.list("clear-cookies", defaultCookies, List.of("access", "refresh", "session", "none"));
        if (clearCookies.contains("none")) {
            if (clearCookies.size() > 1) {
                throw new ConfigException("clear-cookies", "lists none with other cookies; expected none alone or some of [access, refresh, session]");
            }
            clearCookies = List.of();
        }
        requireCookie(clearCookies.contains("access") && signoff.accessCookie() == null, "clear-cookies", "access",
                CommonSettings.ACCESS_COOKIE);
        requireCookie(clearCookies.contains("refresh") && signoff.refreshCookie() == null, "clear-cookies", "refresh",
                CommonSettings.REFRESH_COOKIE);

        Answer missing = new Answer(params.status("missing-status", 401),
                params.json("missing-body", "{\"error\":\"unauthorized\",\"message\":\"Authentication required\"}"));
        String realm = params.string("realm", "signoff");
        if (realm.contains("\"") || realm.contains("\\")) {
            throw new ConfigException("realm", "must not contain quotes or backslashes");
        }
        List<String> results = List.of("success", "missing", "invalid", "error");
        Set<LogoutResult> clearCookiesOn = EnumSet.noneOf(LogoutResult.class);
        for (String result : params.list("clear-cookies-on", results, results)) {
            clearCookiesOn.add(LogoutResult.valueOf(result.toUpperCase(Locale.ROOT)));
        }
        return new LogoutSettings(scope, credentials, params.bool("accept-expired", true), clearCookies,
                Collections.unmodifiableSet(clearCookiesOn),
                params.list("clear-site-data", List.of(), List.of("cache", "cookies", "storage", "executionContexts", "*")),
                new Answer(params.status("success-status", 200), params.json("success-body", "{\"message\":\"Logged out\"}")),
                missing,
                new Answer(params.status("invalid-status", missing.status()), params.json("invalid-body", missing.body())),
                new Answer(params.integer("error-status", 500, 400, 599),
                        params.json("error-body", "{\"error\":\"server_error\",\"message\":\"Logout could not be completed\"}")),
                realm);
    }

    private static void requireCookie(boolean missing, String parameter, String item, String cookie) {
        if (missing) {
            throw new ConfigException(parameter, "lists " + item + " but " + cookie + ".name is not set");
        }
    }

    /** The {@code Clear-Site-Data} header value, or {@code null}. */
    public String clearSiteDataHeader() {
        if (clearSiteData.isEmpty()) {
            return null;
        }
        return String.join(", ", clearSiteData.stream().map(d -> "\"" + d + "\"").toList());
    }
}
