package dev.signoff.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.signoff.events.LogoutReason;
import dev.signoff.logout.Logouts;
import dev.signoff.store.SessionInfo;
import dev.signoff.store.StoreException;
import dev.signoff.store.TokenStore;
import dev.signoff.token.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Receives OpenID Connect Back-Channel Logout 1.0 logout tokens: validates each ({@link LogoutTokenValidator}),
 * records its {@code jti} in the database, where every node sees it, so that a replay on any node is refused, finds
 * the login sessions it names (by the provider's {@code sid}, or every session of the provider's {@code sub}) in the
 * same transaction, and ends each through {@link Logouts} with {@link LogoutReason#BACK_CHANNEL}: this node refuses
 * their tokens at once, the others at their next sync, and the application's listeners hear a {@code LoggedOut}.
 * A token the database could not record may be sent again. Built once (when {@code signoff.oidc.*} is set); thread-safe.
 */
public final class BackChannelLogouts {

    private static final System.Logger LOG = System.getLogger(BackChannelLogouts.class.getName());

    private final LogoutTokenValidator validator;
    private final TokenStore store;
    private final Logouts logouts;
    private final Clock clock;

    BackChannelLogouts(LogoutTokenValidator validator, TokenStore store, Logouts logouts, Clock clock) {
        this.validator = validator;
        this.store = store;
        this.logouts = logouts;
        this.clock = clock;
    }

    /** The receiver for {@code settings}' provider; its JWK source is built here, once. */
    public static BackChannelLogouts of(OidcSettings settings, TokenStore store, Logouts logouts, Duration clockSkew, Clock clock) {
        JWKSource<SecurityContext> keys = ProviderKeys.of(settings);
        return new BackChannelLogouts(new LogoutTokenValidator(settings, keys, clockSkew, clock), store, logouts, clock);
    }

    /** What became of one logout token. */
    public sealed interface Outcome permits Processed, Refused {
    }

    /** The token was good; {@code endedSessions} login sessions were live and are ended (possibly none). */
    public record Processed(int endedSessions) implements Outcome {
    }

    /** The token was refused; {@code reason} is for the debug log. */
    public record Refused(String reason) implements Outcome {
    }

    /**
     * @throws StoreException when the database could not record the token; nothing was ended
     */
    public Outcome receive(String logoutToken) {
        LogoutToken token;
        try {
            token = validator.validate(logoutToken);
        } catch (LogoutTokenValidator.RefusedLogoutToken e) {
            return new Refused(e.getMessage());
        }
        String used = Ids.hash(token.issuer() + '\u0000' + token.tokenId());
        Optional<List<SessionInfo>> named;
        try {
            named = store.useLogoutToken(used, clock.millis(), token.validUntil(), token.issuer(), token.sessionId(), token.subject());
        } catch (StoreException e) {
            if (safelyUsed(used)) {
                return new Refused("jti " + Ids.forLog(token.tokenId()) + " recorded by another node at the same moment");
            }
            throw e;
        }
        if (named.isEmpty()) {
            return new Refused("jti " + Ids.forLog(token.tokenId()) + " was used before");
        }
        int ended = 0;
        StoreException failure = null;
        for (SessionInfo session : named.get()) {
            try {
                if (!logouts.endSession(session.subject(), session.id(), null, LogoutReason.BACK_CHANNEL).endedSessionIds().isEmpty()) {
                    ended++;
                }
            } catch (StoreException e) {
                // this node refuses the session's tokens already, and the write is retried until the database takes it
                failure = e;
                ended++;
            }
        }
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "a back-channel logout is not recorded yet in the database, retried: {0}",
                    failure.getMessage());
        }
        LOG.log(System.Logger.Level.DEBUG, "back-channel logout {0} ({1}) ended {2} session(s)", Ids.forLog(token.tokenId()),
                token.sessionId() != null ? "sid" : "sub", ended);
        return new Processed(ended);
    }

    private boolean safelyUsed(String used) {
        try {
            return store.logoutTokenUsed(used);
        } catch (StoreException e) {
            return false;
        }
    }
}
