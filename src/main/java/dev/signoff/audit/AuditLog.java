package dev.signoff.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.events.LogoutReason;
import dev.signoff.events.LogoutScope;
import dev.signoff.events.SignoffEvent;
import dev.signoff.events.SignoffEventListener;
import dev.signoff.token.SessionHashes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit trail: one JSON object per line, at INFO, to the logger {@value #LOGGER}, for every security event —
 * {@code login}, {@code login_failed}, {@code login_throttled}, {@code refresh}, {@code refresh_refused},
 * {@code reuse_detected}, and for each logout {@code logout} (one session), {@code logout_all} (every session of the
 * user), or the reason's name followed by {@code _logout} ({@code admin_logout}, {@code back_channel_logout}, ...,
 * so that a new reason needs no change here), then {@code revocation_write_failed} when the database did not take it.
 *
 * <p>The fields, always present, in this order: {@code time} (ISO-8601, UTC), {@code event}, {@code subject},
 * {@code session} (a salted SHA-256 of the session id, {@link SessionHashes}; {@code null} when none; for a logout of
 * several sessions the first one, all of them in {@code sessions}), {@code address}, {@code user_agent} (at most
 * 256 characters), {@code result}. Never a token, a password, a secret or a raw session id.
 *
 * <p>This class is thread-safe.
 */
public final class AuditLog implements SignoffEventListener {

    /** The logger's name: route it to its own file (README.md, "Operations"). */
    public static final String LOGGER = "dev.signoff.audit";

    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_USER_AGENT = 256;

    private final SessionHashes hashes;

    public AuditLog(SessionHashes hashes) {
        this.hashes = hashes;
    }

    @Override
    public void onEvent(SignoffEvent event) {
        if (!LOG.isLoggable(System.Logger.Level.INFO)) {
            return;
        }
        if (event instanceof SignoffEvent.LoggedIn in) {
            write(in.at(), "login", in.subject(), List.of(in.sessionId()), in.client(), "success");
        } else if (event instanceof SignoffEvent.LoginFailed failed) {
            write(failed.at(), "login_failed", failed.subject(), List.of(), failed.client(), "invalid_credentials");
        } else if (event instanceof SignoffEvent.LoginThrottled throttled) {
            write(throttled.at(), "login_throttled", throttled.subject(), List.of(), throttled.client(), "retry_after_"
                    + throttled.retryAfterSeconds() + "s");
        } else if (event instanceof SignoffEvent.Refreshed refreshed) {
            write(refreshed.at(), "refresh", refreshed.subject(), List.of(refreshed.sessionId()), refreshed.client(), "success");
        } else if (event instanceof SignoffEvent.RefreshRefused refused) {
            write(refused.at(), "refresh_refused", refused.subject(), List.of(), refused.client(), "invalid_grant");
        } else if (event instanceof SignoffEvent.ReuseDetected reuse) {
            write(reuse.at(), "reuse_detected", reuse.subject(), List.of(reuse.sessionId()), reuse.client(), "session_revoked");
        } else if (event instanceof SignoffEvent.LogoutAttempted logout) {
            write(logout.at(), logoutEvent(logout.reason(), logout.scope()), logout.subject(), logout.sessionIds(), logout.client(),
                    logout.result());
            if (logout.revocationFailed()) {
                write(logout.at(), "revocation_write_failed", logout.subject(), logout.sessionIds(), logout.client(), "pending");
            }
        }
    }

    /** {@code logout}, {@code logout_all}, or the reason's name and {@code _logout}. */
    static String logoutEvent(LogoutReason reason, LogoutScope scope) {
        if (reason == null || reason == LogoutReason.USER) {
            return scope == LogoutScope.USER ? "logout_all" : "logout";
        }
        return reason.name().toLowerCase(Locale.ROOT) + "_logout";
    }

    /** The JSON line of one event. */
    String line(long at, String event, String subject, List<String> sessionIds, SignoffEvent.Client client, String result) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.ofEpochMilli(at).toString());
        line.put("event", event);
        line.put("subject", subject);
        line.put("session", sessionIds.isEmpty() ? null : hashes.hash(sessionIds.get(0)));
        if (sessionIds.size() > 1) {
            line.put("sessions", sessionIds.stream().map(hashes::hash).toList());
        }
        SignoffEvent.Client from = client == null ? SignoffEvent.Client.NONE : client;
        line.put("address", from.address());
        String agent = from.userAgent();
        line.put("user_agent", agent == null || agent.length() <= MAX_USER_AGENT ? agent : agent.substring(0, MAX_USER_AGENT));
        line.put("result", result);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit line could not be written as JSON", e);
        }
    }

    private void write(long at, String event, String subject, List<String> sessionIds, SignoffEvent.Client client, String result) {
        LOG.log(System.Logger.Level.INFO, line(at, event, subject, sessionIds, client, result));
    }
}
