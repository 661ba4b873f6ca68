package dev.signoff.logout;

import dev.signoff.events.LogoutReason;
import dev.signoff.events.LogoutScope;
import dev.signoff.token.AccessToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One logout under way: what it ends (the {@link Target}, its scope and reason, the HTTP exchange when there is
 * one), and what its {@link LogoutStep}s did. Made for one logout and used by one thread.
 */
public final class Logout {

    /**
     * The login a logout ends.
     *
     * @param subject   the user
     * @param sessionId the login session, or {@code null} for a container login or a token without one
     * @param token     the access token presented, revoked with it, or {@code null}
     */
    public record Target(String subject, String sessionId, AccessToken token) {
    }

    private final Target target;
    private String subject;
    private final LogoutScope scope;
    private final LogoutReason reason;
    private final boolean recorded;
    private final LogoutExchange exchange;
    private LogoutResult result;
    private final List<String> endedSessionIds = new ArrayList<>();
    private final List<String> setCookieHeaders = new ArrayList<>();
    private String clearSiteData;
    private final List<String> failures = new ArrayList<>();
    private RuntimeException firstFailure;

    /**
     * @param target   what is ended, or {@code null} when the request named no live login
     * @param result   the result until a step says otherwise: {@link LogoutResult#MISSING} or {@link LogoutResult#INVALID}
     *                 without a target; a target is {@link LogoutResult#INVALID} until the revocation ends something
     * @param recorded whether the database already recorded the revocation (reuse detection revokes in the
     *                 rotation's own transaction): the revocation step then only updates this node's memory
     * @param exchange the HTTP request of a servlet logout, or {@code null}
     */
    Logout(Target target, LogoutScope scope, LogoutReason reason, LogoutResult result, boolean recorded, LogoutExchange exchange) {
        this.target = target;
        this.subject = target == null ? null : target.subject();
        this.scope = scope;
        this.reason = reason;
        this.result = result;
        this.recorded = recorded;
        this.exchange = exchange;
    }

    public Optional<Target> target() {
        return Optional.ofNullable(target);
    }

    public LogoutScope scope() {
        return scope;
    }

    public LogoutReason reason() {
        return reason;
    }

    /** Whether the database already holds the revocation. */
    public boolean recorded() {
        return recorded;
    }

    /** The HTTP request and what to clear; empty for a logout from the Java API or reuse detection. */
    public Optional<LogoutExchange> exchange() {
        return Optional.ofNullable(exchange);
    }

    /** The result so far. */
    public LogoutResult result() {
        return result;
    }

    /** The revocation ended something ({@link LogoutResult#SUCCESS}) or found nothing live ({@link LogoutResult#INVALID}). */
    public void revoked(LogoutResult result, List<String> endedSessionIds) {
        if (this.result != LogoutResult.ERROR) {
            this.result = result;
        }
        this.endedSessionIds.addAll(endedSessionIds);
    }

    /** The user whose login ends: the target's, or the one the revocation found for a session named by id alone. */
    public String subject() {
        return subject;
    }

    /** The revocation learnt whose session it ended. */
    public void subjectFound(String subject) {
        if (this.subject == null) {
            this.subject = subject;
        }
    }

    /** Adds a {@code Set-Cookie} value to the answer. */
    public void clearCookie(String setCookieHeader) {
        setCookieHeaders.add(setCookieHeader);
    }

    /** Sets the {@code Clear-Site-Data} value of the answer. */
    public void clearSiteData(String value) {
        clearSiteData = value;
    }

    void failed(LogoutStep step, RuntimeException failure) {
        result = LogoutResult.ERROR;
        failures.add(step.getClass().getName() + ": " + failure);
        if (firstFailure == null) {
            firstFailure = failure;
        }
    }

    /** The exception of the first step that failed, or {@code null}. */
    RuntimeException firstFailure() {
        return firstFailure;
    }

    LogoutOutcome outcome() {
        return new LogoutOutcome(result, endedSessionIds, setCookieHeaders, clearSiteData, failures);
    }
}
