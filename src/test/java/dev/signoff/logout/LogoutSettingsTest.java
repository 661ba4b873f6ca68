package dev.signoff.logout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.SignoffSettings;
import dev.signoff.auth.CredentialSource;
import dev.signoff.events.LogoutScope;
import dev.signoff.config.ConfigException;
import dev.signoff.config.ConfigSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogoutSettingsTest {

    private static final Map<String, String> WITH_COOKIES = Map.of("signoff.secret", "0123456789abcdef0123456789abcdef",
            "signoff.cookie.access.name", "accessToken", "signoff.cookie.refresh.name", "refreshToken");
    private static final Map<String, String> WITHOUT_COOKIES = Map.of("signoff.secret", "0123456789abcdef0123456789abcdef");

    private static LogoutSettings parse(Map<String, String> initParams, Map<String, String> context) {
        SignoffSettings signoff = SignoffSettings.parse(ConfigSource.of("context", Map.of(), context));
        return LogoutSettings.parse(ConfigSource.of("servlet logout", initParams, context), signoff.common());
    }

    @Test
    void defaultsFollowTheConfiguredCookies() {
        LogoutSettings plain = parse(Map.of(), WITHOUT_COOKIES);
        assertEquals(LogoutScope.SESSION, plain.scope());
        assertEquals(List.of(CredentialSource.BEARER, CredentialSource.SESSION), plain.credentials());
        assertEquals(List.of("session"), plain.clearCookies());
        assertTrue(plain.acceptExpired());
        assertEquals(new LogoutSettings.Answer(200, "{\"message\":\"Logged out\"}"), plain.success());
        assertEquals(401, plain.missing().status());
        assertEquals(plain.missing(), plain.invalid(), "invalid answers as missing unless set");
        assertEquals(500, plain.error().status());
        assertNull(plain.clearSiteDataHeader());

        LogoutSettings cookies = parse(Map.of(), WITH_COOKIES);
        assertEquals(List.of(CredentialSource.BEARER, CredentialSource.COOKIE, CredentialSource.REFRESH_COOKIE, CredentialSource.SESSION),
                cookies.credentials());
        assertEquals(List.of("access", "refresh", "session"), cookies.clearCookies());
    }

    @Test
    void answersAreConfigurableForIdempotentContracts() {
        LogoutSettings s = parse(Map.of("scope", "user", "missing-status", "200", "missing-body", "{\"message\":\"Logged out successfully\"}",
                "invalid-status", "200", "invalid-body", "false", "clear-site-data", "cache,cookies"), WITH_COOKIES);
        assertEquals(LogoutScope.USER, s.scope());
        assertEquals(new LogoutSettings.Answer(200, "{\"message\":\"Logged out successfully\"}"), s.missing());
        assertEquals(new LogoutSettings.Answer(200, "false"), s.invalid());
        assertEquals("\"cache\", \"cookies\"", s.clearSiteDataHeader());
    }

    @Test
    void inconsistentSettingsNameTheParameter() {
        assertEquals("credentials", assertThrows(ConfigException.class,
                () -> parse(Map.of("credentials", "bearer,refresh-cookie"), WITHOUT_COOKIES)).parameter());
        assertEquals("clear-cookies", assertThrows(ConfigException.class,
                () -> parse(Map.of("clear-cookies", "access"), WITHOUT_COOKIES)).parameter());
        assertEquals("success-body", assertThrows(ConfigException.class,
                () -> parse(Map.of("success-body", "{oops"), WITHOUT_COOKIES)).parameter());
        assertEquals("error-status", assertThrows(ConfigException.class,
                () -> parse(Map.of("error-status", "1000"), WITHOUT_COOKIES)).parameter());
        assertEquals("scopee", assertThrows(ConfigException.class,
                () -> parse(Map.of("scopee", "user"), WITHOUT_COOKIES)).parameter());
        ConfigException scope = assertThrows(ConfigException.class, () -> parse(Map.of("scope", "device"), WITHOUT_COOKIES));
        assertFalse(scope.getMessage().isEmpty());
    }

    private static LogoutSettings refreshCookieOnly(Map<String, String> initParams) {
        return parse(initParams, Map.of("signoff.secret", "unit-test-secret-0123456789-abcdefghij",
                "signoff.cookie.refresh.name", "refreshToken"));
    }

    @Test
    void cookiesAreClearedOnEveryAnswerByDefault() {
        LogoutSettings settings = refreshCookieOnly(Map.of());
        assertEquals(List.of("refresh", "session"), settings.clearCookies());
        assertEquals(EnumSet.allOf(LogoutResult.class), settings.clearCookiesOn());
    }

    @Test
    void clearCookiesOnNamesTheResultsThatClearThem() {
        assertEquals(EnumSet.of(LogoutResult.SUCCESS, LogoutResult.ERROR),
                refreshCookieOnly(Map.of("clear-cookies-on", "success, ERROR")).clearCookiesOn());
        ConfigException e = assertThrows(ConfigException.class, () -> refreshCookieOnly(Map.of("clear-cookies-on", "success,failure")));
        assertEquals("clear-cookies-on", e.parameter());
    }

    @Test
    void noneClearsNoCookieAndStandsAlone() {
        assertEquals(List.of(), refreshCookieOnly(Map.of("clear-cookies", "none")).clearCookies());
        ConfigException e = assertThrows(ConfigException.class, () -> refreshCookieOnly(Map.of("clear-cookies", "none,refresh")));
        assertEquals("clear-cookies", e.parameter());
        assertTrue(e.getMessage().contains("none alone"), e.getMessage());
    }

    @Test
    void aFailedLogoutIsNeverAnsweredAsSuccess() {
        assertEquals(503, refreshCookieOnly(Map.of("error-status", "503")).error().status());
        ConfigException e = assertThrows(ConfigException.class, () -> refreshCookieOnly(Map.of("error-status", "200")));
        assertEquals("error-status", e.parameter());
        assertTrue(e.getMessage().contains("400 to 599"), e.getMessage());
    }

    @Test
    void bodiesAreAnyJsonDocument() {
        LogoutSettings settings = refreshCookieOnly(Map.of("success-body", "true", "invalid-status", "200", "invalid-body", "false"));
        assertEquals("true", settings.success().body());
        assertEquals(new LogoutSettings.Answer(200, "false"), settings.invalid());
    }
}
