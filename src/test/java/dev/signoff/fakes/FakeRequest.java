package dev.signoff.fakes;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An HTTP request with the fields a test sets; {@link #request} is what the code under test sees. */
public final class FakeRequest {

    public String method = "POST";
    public String servletPath = "/api";
    public String pathInfo;
    public final Map<String, List<String>> headers = new HashMap<>();
    public final List<Cookie> cookies = new ArrayList<>();
    public FakeSession session;
    public String requestedSessionId;
    public Principal principal;
    public boolean secure;
    public int logouts;
    public final Map<String, Object> attributes = new HashMap<>();
    public String contentType;
    public byte[] body = new byte[0];
    private int nextSession;

    public FakeRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(), k -> new ArrayList<>()).add(value);
        return this;
    }

    public FakeRequest cookie(String name, String value) {
        cookies.add(new Cookie(name, value));
        return this;
    }

    public FakeRequest session(FakeSession session) {
        this.session = session;
        this.requestedSessionId = session.id;
        return this;
    }

    public final HttpServletRequest request = Fakes.proxy(HttpServletRequest.class, Map.ofEntries(
            Map.entry("getMethod", args -> method),
            Map.entry("getServletPath", args -> servletPath),
            Map.entry("getPathInfo", args -> pathInfo),
            Map.entry("getRequestURI", args -> servletPath + (pathInfo == null ? "" : pathInfo)),
            Map.entry("getHeaders", args -> Collections.enumeration(headers.getOrDefault(((String) args[0]).toLowerCase(), List.of()))),
            Map.entry("getHeader", args -> {
                List<String> values = headers.get(((String) args[0]).toLowerCase());
                return values == null ? null : values.get(0);
            }),
            Map.entry("getCookies", args -> cookies.isEmpty() ? null : cookies.toArray(new Cookie[0])),
            Map.entry("getSession", args -> {
                boolean create = args.length == 0 || (Boolean) args[0];
                if ((session == null || session.invalid) && create) {
                    session = new FakeSession("created-" + ++nextSession, System.currentTimeMillis());
                }
                return session == null || session.invalid ? null : session.session;
            }),
            Map.entry("changeSessionId", args -> {
                session.id = "changed-" + ++nextSession;
                return session.id;
            }),
            Map.entry("getRequestedSessionId", args -> requestedSessionId),
            Map.entry("getUserPrincipal", args -> principal),
            Map.entry("isSecure", args -> secure),
            Map.entry("logout", args -> {
                logouts++;
                principal = null;
                return null;
            }),
            Map.entry("getAttribute", args -> attributes.get((String) args[0])),
            Map.entry("setAttribute", args -> attributes.put((String) args[0], args[1])),
            Map.entry("getInputStream", args -> Fakes.input(body)),
            Map.entry("getContentLengthLong", args -> (long) body.length),
            Map.entry("getContentLength", args -> body.length),
            Map.entry("getContentType", args -> contentType),
            Map.entry("getRemoteAddr", args -> "127.0.0.1")));
}
