package dev.signoff.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.fakes.FakeSession;
import dev.signoff.revocation.RevocationView;
import dev.signoff.token.AccessTokenIssuer;
import dev.signoff.token.AccessTokenVerifier;
import dev.signoff.token.TokenSettings;
import dev.signoff.token.TokenSettingsParser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    static final TokenSettings TOKENS = TokenSettingsParser.parse(new Params(ConfigSource.of("context", Map.of(),
            Map.of("signoff.secret", "0123456789abcdef0123456789abcdef"))));

    private final Clock clock = Clock.systemUTC();
    private final HttpSessionRegistry registry = new HttpSessionRegistry();
    private final RevocationView revocations = new RevocationView(60_000, clock.millis(), registry);
    private final AtomicBoolean stale = new AtomicBoolean();
    private final Authenticator authenticator = new Authenticator(new AccessTokens(new AccessTokenVerifier(TOKENS, clock), revocations),
            registry, stale::get);
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(TOKENS, clock);

    private Authenticator.Outcome bearer(String token) {
        return authenticator.authenticate(new Credential.AccessToken(token, CredentialSource.BEARER));
    }

    @Test
    void aValidTokenAuthenticatesItsUser() {
        String token = issuer.issue("alice", List.of("user", "admin"), "sid-1").token();
        SignoffPrincipal principal = assertInstanceOf(Authenticator.Authenticated.class, bearer(token)).principal();
        assertEquals("alice", principal.name());
        assertEquals(Set.of("user", "admin"), principal.roles());
        assertEquals("sid-1", principal.sessionId());
        assertEquals(CredentialSource.BEARER, principal.source());
    }

    @Test
    void aTokenOfARevokedSessionIsRefused() {
        String token = issuer.issue("alice", List.of("user"), "sid-2").token();
        revocations.revokeSession("sid-2", clock.millis());
        assertTrue(assertInstanceOf(Authenticator.Refused.class, bearer(token)).reason().contains("revoked"));
    }

    @Test
    void garbageAndTokensThatBreakTheParserAreRefusedNeverThrown() {
        for (String token : List.of("garbage", "bnVsbA.eyJzdWIiOiJhIn0.c2ln", "e30.e30.", "a.b.c.d.e", "")) {
            assertInstanceOf(Authenticator.Refused.class, bearer(token), token);
        }
    }

    @Test
    void aRefreshTokenAuthenticatesNoRequest() {
        assertInstanceOf(Authenticator.Refused.class,
                authenticator.authenticate(new Credential.RefreshToken("x".repeat(43), CredentialSource.REFRESH_COOKIE)));
    }

    @Test
    void anHttpSessionLoginIsFollowedAndInvalidatedWhenRevoked() {
        FakeSession http = new FakeSession("h1", clock.millis());
        HttpSessionLogin login = new HttpSessionLogin("bob", Set.of("user"), "sid-3", clock.millis(), null);
        Credential credential = new Credential.SignoffSession(http.session, login);
        assertEquals("bob", assertInstanceOf(Authenticator.Authenticated.class, authenticator.authenticate(credential)).principal().name());
        assertTrue(registry.contains("h1"), "followed from its first authenticated request");

        revocations.revokeSession("sid-3", clock.millis());
        assertTrue(http.invalid, "the registry invalidates it as soon as the revocation is known");
        http.invalid = false;
        assertInstanceOf(Authenticator.Refused.class, authenticator.authenticate(credential));
        assertTrue(http.invalid, "a revoked login's session is invalidated on its next request");
    }

    @Test
    void theContainersLoginInAnHttpSessionEndsWithLogoutOnAllDevices() {
        FakeSession http = new FakeSession("h2", clock.millis() - 5_000);
        Credential credential = new Credential.ContainerSession(http.session, () -> "carol");
        assertInstanceOf(Authenticator.ContainerAuthenticated.class, authenticator.authenticate(credential));
        revocations.revokeSubject("carol", clock.millis());
        assertTrue(http.invalid);
        assertInstanceOf(Authenticator.Refused.class, authenticator.authenticate(credential), "a dead session is refused");
    }

    @Test
    void stalenessIsAskedOfTheSupplier() {
        assertFalse(authenticator.revocationsStale());
        stale.set(true);
        assertTrue(authenticator.revocationsStale());
    }
}
