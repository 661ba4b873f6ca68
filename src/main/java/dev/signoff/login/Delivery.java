package dev.signoff.login;

import dev.signoff.auth.HttpSessionLogin;
import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import dev.signoff.deploy.CommonSettings;
import dev.signoff.http.CookieSpec;
import dev.signoff.http.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How issued tokens reach the client ({@code deliver} init-param, a list of):
 * <ul>
 *   <li>{@code body}: the JSON body, with RFC 6749 §5.1 names ({@code access_token}, {@code token_type},
 *       {@code expires_in}, {@code refresh_token});</li>
 *   <li>{@code access-body}: the same without {@code refresh_token}, for a refresh token that travels only in its
 *       HttpOnly cookie (not with {@code body});</li>
 *   <li>{@code cookies}: the configured access-token and refresh-token cookies;</li>
 *   <li>{@code session}: the container's HttpSession, whose id is changed (against fixation, and at each refresh);
 *       the refresh token stays on the server, in the session, where the refresh servlet finds it.</li>
 * </ul>
 * Whatever is delivered, the body also names the {@code user}. Immutable and thread-safe.
 */
public final class Delivery {

    static final String PARAM = "deliver";

    private final boolean body;
    private final boolean refreshInBody;
    private final boolean cookies;
    private final boolean session;
    private final CommonSettings signoff;

    private Delivery(List<String> modes, CommonSettings signoff) {
        this.body = modes.contains("body") || modes.contains("access-body");
        this.refreshInBody = modes.contains("body");
        this.cookies = modes.contains("cookies");
        this.session = modes.contains("session");
        this.signoff = signoff;
    }

    /** Whether the answer sets cookies or changes the HttpSession: such an endpoint refuses cross-site requests. */
    boolean setsCookies() {
        return cookies || session;
    }

    /** Parses {@code deliver}, accepting the modes {@code accepted}. */
    public static Delivery parse(Params params, CommonSettings signoff, List<String> accepted) {
        List<String> modes = params.list(PARAM, List.of("body"), accepted);
        if (modes.isEmpty()) {
            throw new ConfigException(PARAM, "lists nothing; expected some of " + accepted);
        }
        if (modes.contains("body") && modes.contains("access-body")) {
            throw new ConfigException(PARAM, "lists body and access-body; body already holds the access token");
        }
        if (modes.contains("cookies") && signoff.accessCookie() == null && signoff.refreshCookie() == null) {
            throw new ConfigException(PARAM, "lists cookies but neither " + CommonSettings.ACCESS_COOKIE + ".name nor "
                    + CommonSettings.REFRESH_COOKIE + ".name is set");
        }
        return new Delivery(modes, signoff);
    }

    boolean cookies() {
        return cookies;
    }

    /** Whether the tokens are kept in the HttpSession. */
    boolean session() {
        return session;
    }

    /** Hands {@code tokens} to the client: cookies, HttpSession and the JSON body, as configured. */
    public void deliver(IssuedTokens tokens, HttpServletRequest request, HttpServletResponse response, long now) throws IOException {
        if (cookies) {
            CookieSpec access = signoff.accessCookie();
            CookieSpec refresh = signoff.refreshCookie();
            if (access != null) {
                response.addHeader("Set-Cookie", access.set(tokens.accessToken(), signoff.tokens().accessTokenTtl(), request.isSecure(), now));
            }
            if (refresh != null) {
                response.addHeader("Set-Cookie", refresh.set(tokens.refreshToken(), signoff.tokens().refreshTokenTtl(), request.isSecure(), now));
            }
        }
        if (session) {
            HttpSession existing = request.getSession(false);
            if (existing != null) {
                request.changeSessionId();
            }
            request.getSession(true).setAttribute(HttpSessionLogin.ATTRIBUTE,
                    new HttpSessionLogin(tokens.subject(), tokens.roles(), tokens.sessionId(), now, tokens.refreshToken()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        if (body) {
            json.put("access_token", tokens.accessToken());
            json.put("token_type", "Bearer");
            json.put("expires_in", tokens.expiresIn());
            if (refreshInBody) {
                json.put("refresh_token", tokens.refreshToken());
            }
        }
        json.put("user", tokens.subject());
        Responses.json(response, HttpServletResponse.SC_OK, json);
    }
}
