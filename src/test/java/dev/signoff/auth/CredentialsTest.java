package dev.signoff.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.deploy.CommonSettings;
import dev.signoff.fakes.FakeRequest;
import dev.signoff.fakes.FakeSession;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.CookieSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final CookieSpec ACCESS = new CookieSpec("at", "/", null, CookieSpec.Secure.AUTO, true, "Strict", Duration.ZERO);
    private static final CookieSpec REFRESH = new CookieSpec("rt", "/", null, CookieSpec.Secure.AUTO, true, "Strict", Duration.ZERO);
    private static final CommonSettings COMMON = new CommonSettings(AuthenticatorTest.TOKENS, ACCESS, REFRESH);

    private static Credentials of(CredentialSource... sources) {
        return new Credentials(List.of(sources), COMMON);
    }

    @Test
    void bearerFollowsRfc6750() throws BadRequestException {
        CredentialResolver bearer = new BearerTokenResolver();
        Credential.AccessToken token = assertInstanceOf(Credential.AccessToken.class,
                bearer.resolve(new FakeRequest().header("Authorization", "bearer  abc.def-_~+/==").request).orElseThrow());
        assertEquals("abc.def-_~+/==", token.token());
        assertEquals(CredentialSource.BEARER, token.source());
        assertEquals(Optional.empty(), bearer.resolve(new FakeRequest().header("Authorization", "Basic YTpi").request));
        assertEquals(Optional.empty(), bearer.resolve(new FakeRequest().request));
        for (String bad : List.of("Bearer", "Bearer ", "Bearer a b", "Bearer =abc", "Bearer ab\"c")) {
            assertThrows(BadRequestException.class, () -> bearer.resolve(new FakeRequest().header("Authorization", bad).request), bad);
        }
        assertThrows(BadRequestException.class, () -> bearer.resolve(new FakeRequest().header("Authorization", "Bearer a")
                .header("Authorization", "Bearer b").request));
    }

    @Test
    void cookiesGiveAccessAndRefreshTokensAndAnEmptyCookieIsNone() throws BadRequestException {
        FakeRequest request = new FakeRequest().cookie("other", "x").cookie("at", "").cookie("rt", "refresh");
        assertEquals(Optional.empty(), CredentialSource.COOKIE.resolver(COMMON).resolve(request.request));
        Credential refresh = CredentialSource.REFRESH_COOKIE.resolver(COMMON).resolve(request.request).orElseThrow();
        assertEquals(new Credential.RefreshToken("refresh", CredentialSource.REFRESH_COOKIE), refresh);
        Credential access = CredentialSource.COOKIE.resolver(COMMON).resolve(new FakeRequest().cookie("at", "jwt").request).orElseThrow();
        assertEquals(new Credential.AccessToken("jwt", CredentialSource.COOKIE), access);
        CommonSettings noCookies = new CommonSettings(AuthenticatorTest.TOKENS, null, null);
        assertEquals(Optional.empty(), CredentialSource.COOKIE.resolver(noCookies).resolve(request.request));
    }

    @Test
    void theHttpSessionGivesTheSignoffLoginElseTheContainersElseNothing() throws BadRequestException {
        CredentialResolver sessions = new HttpSessionResolver();
        FakeSession http = new FakeSession("s", 1);
        FakeRequest request = new FakeRequest().session(http);
        assertEquals(Optional.empty(), sessions.resolve(request.request), "a session without a login");
        request.principal = () -> "container-user";
        assertInstanceOf(Credential.ContainerSession.class, sessions.resolve(request.request).orElseThrow());
        HttpSessionLogin login = new HttpSessionLogin("alice", Set.of(), "sid", 1, null);
        http.attributes.put(HttpSessionLogin.ATTRIBUTE, login);
        assertEquals(new Credential.SignoffSession(http.session, login), sessions.resolve(request.request).orElseThrow());
        http.invalid = true;
        assertEquals(Optional.empty(), sessions.resolve(request.request), "a dead session holds nothing");
        assertEquals(Optional.empty(), sessions.resolve(new FakeRequest().request), "no session is created");
    }

    @Test
    void theFirstSourcePresentDecidesEvenWhenItIsBad() throws BadRequestException {
        FakeRequest request = new FakeRequest().header("Authorization", "Bearer bad").cookie("at", "good");
        Credential found = of(CredentialSource.BEARER, CredentialSource.COOKIE).find(request.request).orElseThrow();
        assertEquals(CredentialSource.BEARER, found.source());
        assertEquals(CredentialSource.COOKIE, of(CredentialSource.COOKIE, CredentialSource.BEARER).find(request.request).orElseThrow().source());
        assertEquals(Optional.empty(), of(CredentialSource.SESSION).find(request.request));
        assertTrue(of(CredentialSource.BEARER).contains(CredentialSource.BEARER));
    }

    @Test
    void toStringHidesTheToken() {
        assertEquals("Credential[bearer]", new Credential.AccessToken("secret-token", CredentialSource.BEARER).toString());
        assertEquals("Credential[refresh-cookie]", new Credential.RefreshToken("secret", CredentialSource.REFRESH_COOKIE).toString());
    }
}
