package dev.signoff.bench.http;

import dev.signoff.Signoff;
import dev.signoff.store.SessionInfo;
import dev.signoff.store.TokenStore;
import dev.signoff.token.AccessToken;
import dev.signoff.token.AccessTokenVerifier;
import dev.signoff.token.InvalidTokenException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;

/**
 * The baseline to beat: the common design that asks the database on every request. It verifies the HS256 access
 * token exactly as Signoff does, then reads the token's login session by primary key (one {@code SELECT} in one
 * transaction, through Signoff's own {@link TokenStore}, so {@code Database.statementCount()} counts it) and
 * refuses a revoked or missing session. Revocation is therefore immediate, at the price of one database round
 * trip per request.
 */
public final class DatabaseLookupFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private transient AccessTokenVerifier verifier;
    private transient TokenStore store;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        Signoff signoff = Signoff.get(config.getServletContext());
        verifier = new AccessTokenVerifier(signoff.settings().tokens(), Clock.systemUTC());
        store = new TokenStore(signoff.database());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            refuse(response);
            return;
        }
        AccessToken token;
        try {
            token = verifier.verify(header.substring(7).strip());
        } catch (InvalidTokenException e) {
            refuse(response);
            return;
        }
        Optional<SessionInfo> session = token.sessionId() == null ? Optional.empty() : store.session(token.sessionId());
        if (session.isEmpty() || !session.get().active()) {
            refuse(response);
            return;
        }
        Principal principal = token::subject;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return principal.getName();
            }

            @Override
            public boolean isUserInRole(String role) {
                return token.roles().contains(role);
            }
        }, response);
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"bench\"");
    }
}
