package dev.signoff.logout;

import dev.signoff.Signoff;
import dev.signoff.auth.Credential;
import dev.signoff.auth.CredentialSource;
import dev.signoff.auth.SessionLogin;
import dev.signoff.http.BadRequestException;
import dev.signoff.http.CookieSpec;
import dev.signoff.store.SessionInfo;
import dev.signoff.store.StoreException;
import dev.signoff.token.AccessToken;
import dev.signoff.token.InvalidTokenException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * One logout, decided apart from how it is answered. The steps, each run whatever happened to the others:
 * <ol>
 *   <li>find the login from the first credential present ({@code credentials});</li>
 *   <li>revoke it in memory and in the database, one transaction ({@code scope});</li>
 *   <li>invalidate the HttpSession, if any, and call {@code request.logout()};</li>
 *   <li>clear the configured cookies (on the results listed in {@code clear-cookies-on}: all by default) and
 *       send {@code Clear-Site-Data} when configured.</li>
 * </ol>
 * A database failure makes the result {@link LogoutResult#ERROR}, never {@link LogoutResult#SUCCESS}; the cookies are
 * cleared anyway (unless {@code clear-cookies-on} leaves {@code error} out). Logging out twice is harmless: the
 * second finds no live login. This class is thread-safe.
 */
final class Logout {

    private static final System.Logger LOG = System.getLogger(Logout.class.getName());

    private final Signoff signoff;
    private final LogoutSettings settings;
    private final List<CookieSpec> cookies;

    Logout(Signoff signoff, LogoutSettings settings, List<CookieSpec> cookies) {
        this.signoff = signoff;
        this.settings = settings;
        this.cookies = List.copyOf(cookies);
    }

    /** The login a logout ends; {@code sessionId} and {@code token} are {@code null} for a container login. */
    private record Login(String subject, String sessionId, AccessToken token) {
    }

    LogoutResult perform(HttpServletRequest request, HttpServletResponse response) {
        LogoutResult result;
        try {
            result = revoke(request);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "logout could not be recorded in the database: {0}", e.getMessage());
            result = LogoutResult.ERROR;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "logout failed", e);
            result = LogoutResult.ERROR;
        }
        endContainerSession(request);
        if (settings.clearCookiesOn().contains(result)) {
            boolean secure = request.isSecure();
            for (CookieSpec cookie : cookies) {
                response.addHeader("Set-Cookie", cookie.clear(secure));
            }
            String clearSiteData = settings.clearSiteDataHeader();
            if (clearSiteData != null) {
                response.setHeader("Clear-Site-Data", clearSiteData);
            }
        }
        return result;
    }

    private LogoutResult revoke(HttpServletRequest request) {
        Credential credential;
        try {
            credential = Credential.find(request, settings.credentials(), signoff.settings().accessCookie(),
                    signoff.settings().refreshCookie());
        } catch (BadRequestException e) {
            LOG.log(System.Logger.Level.DEBUG, "logout with a malformed credential: {0}", e.getMessage());
            return LogoutResult.INVALID;
        }
        if (credential == null) {
            boolean sessionCookieSent = settings.credentials().contains(CredentialSource.SESSION) && request.getRequestedSessionId() != null;
            return sessionCookieSent ? LogoutResult.INVALID : LogoutResult.MISSING;
        }
        Optional<Login> login = identify(credential, request);
        if (login.isEmpty()) {
            return LogoutResult.INVALID;
        }
        Login found = login.get();
        if (settings.scope() == LogoutScope.USER) {
            List<String> ended = signoff.logoutUser(found.subject(), found.token());
            LOG.log(System.Logger.Level.DEBUG, "logged {0} out on all devices ({1} sessions)", found.subject(), ended.size());
            return LogoutResult.SUCCESS;
        }
        if (found.sessionId() == null && found.token() == null) {
            return LogoutResult.SUCCESS;
        }
        boolean wasLive = signoff.logoutSession(found.sessionId(), found.token());
        LOG.log(System.Logger.Level.DEBUG, "logged {0} out of session {1}", found.subject(), found.sessionId());
        return wasLive ? LogoutResult.SUCCESS : LogoutResult.INVALID;
    }

    private Optional<Login> identify(Credential credential, HttpServletRequest request) {
        switch (credential.source()) {
            case BEARER, COOKIE -> {
                try {
                    AccessToken token = signoff.identify(credential.token(), settings.acceptExpired());
                    return Optional.of(new Login(token.subject(), token.sessionId(), token));
                } catch (InvalidTokenException e) {
                    LOG.log(System.Logger.Level.DEBUG, "logout with a refused {0}: {1}", credential, e.getMessage());
                    return Optional.empty();
                }
            }
            case REFRESH_COOKIE -> {
                Optional<SessionInfo> session = signoff.sessionOfRefreshToken(credential.token());
                return session.filter(SessionInfo::active)
                        .filter(s -> !signoff.revocations().isLoginRevoked(s.subject(), s.id(), s.createdAt()))
                        .map(s -> new Login(s.subject(), s.id(), null));
            }
            default -> {
                return sessionLogin(credential.session(), request);
            }
        }
    }

    private Optional<Login> sessionLogin(HttpSession session, HttpServletRequest request) {
        try {
            SessionLogin login = (SessionLogin) session.getAttribute(SessionLogin.ATTRIBUTE);
            if (login != null) {
                boolean revoked = signoff.revocations().isLoginRevoked(login.subject(), login.sessionId(), login.authenticatedAt());
                return revoked ? Optional.empty() : Optional.of(new Login(login.subject(), login.sessionId(), null));
            }
            Principal principal = request.getUserPrincipal();
            return principal == null ? Optional.empty() : Optional.of(new Login(principal.getName(), null, null));
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    private static void endContainerSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                LOG.log(System.Logger.Level.DEBUG, "HttpSession was already invalid");
            }
        }
        try {
            request.logout();
        } catch (ServletException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "request.logout() failed: {0}", e.toString());
        }
    }
}
