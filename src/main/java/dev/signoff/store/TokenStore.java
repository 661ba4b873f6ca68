package dev.signoff.store;

import dev.signoff.token.Ids;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Every database operation of the token lifecycle, each in one transaction. Concurrent operations on one
 * login session are serialised by locking its row ({@code SELECT ... FOR UPDATE}), and a refresh token is
 * consumed by one conditional update that changes exactly one row or none, so a logout and a refresh, or two
 * refreshes of the same token, can never both win. Every transaction that records revocations hands them to the
 * {@link RevocationHook}s, before its commit and after it: on a database with {@code NOTIFY} the first hook announces
 * them to the other nodes ({@link RevocationNotice}) in that transaction. All methods throw {@link StoreException}
 * when the database fails, having committed nothing.
 *
 * <p>This class is thread-safe.
 */
public final class TokenStore {

    private static final System.Logger LOG = System.getLogger(TokenStore.class.getName());

    private final Database database;
    private final List<RevocationHook> hooks;

    /** A store that announces revocations with {@code NOTIFY} where the database has it. */
    public TokenStore(Database database) {
        this(database, true);
    }

    /** @param announce whether revocations are announced with {@code NOTIFY} (where the database has it) */
    public TokenStore(Database database, boolean announce) {
        this(database, announce, List.of());
    }

    /**
     * @param announce whether revocations are announced with {@code NOTIFY} (where the database has it)
     * @param hooks    more to do with every transaction's revocations, called in this order after the {@code NOTIFY}
     */
    public TokenStore(Database database, boolean announce, List<RevocationHook> hooks) {
        this.database = database;
        List<RevocationHook> all = new ArrayList<>();
        if (announce) {
            database.notifyHook().ifPresent(all::add);
        }
        all.addAll(hooks);
        this.hooks = List.copyOf(all);
    }

    /** An access token to put on the revocation list along with a session. */
    public record RevokedToken(String jti, String subject, long expiresAtMillis) {
    }

    /** The outcome of presenting a refresh token for rotation. */
    public sealed interface Rotation permits Rotated, Refused, Lapsed {
    }

    /** The token was exchanged; {@code session} is the (live) session it belongs to. */
    public record Rotated(SessionInfo session) implements Rotation {
    }

    /**
     * The token was refused; {@code reason} is for the debug log. When the refusal was a replay after the grace
     * window, {@code revokedSession} names the session that reuse detection has just revoked.
     */
    public record Refused(String reason, SessionInfo revokedSession) implements Rotation {
    }

    /**
     * The token belonged to a live session that has just ended, in the rotation's transaction, because it was not
     * refreshed in time or reached its maximum lifetime ({@code pastMaxLifetime}).
     */
    public record Lapsed(SessionInfo session, boolean pastMaxLifetime) implements Rotation {
    }

    /** Creates a session and its first refresh token. */
    public SessionInfo createSession(String sessionId, String subject, Collection<String> roles, String userAgent, String address,
                                     String refreshHash, long now, long expiresAt) {
        return createSession(sessionId, subject, roles, userAgent, address, refreshHash, now, expiresAt, expiresAt, null);
    }

    /**
     * Creates a session that ends at {@code expiresAt} unless refreshed, and its first refresh token, valid until
     * {@code tokenExpiresAt}; {@code provider}, the login at an OpenID Provider it continues, is recorded on the session
     * ({@code null}: none).
     */
    public SessionInfo createSession(String sessionId, String subject, Collection<String> roles, String userAgent, String address,
                                     String refreshHash, long now, long expiresAt, long tokenExpiresAt, ProviderLogin provider) {
        return database.inTransaction(em -> {
            LoginSession session = new LoginSession(sessionId, subject, SessionInfo.joinRoles(roles), now, expiresAt,
                    truncate(userAgent, 512), truncate(address, 64));
            session.provider(provider);
            em.persist(session);
            em.flush();
            em.persist(new RefreshToken(refreshHash, sessionId, now, tokenExpiresAt));
            return SessionInfo.of(session);
        });
    }

    /**
     * Exchanges the refresh token hashed {@code presented} for the one hashed {@code replacement}.
     *
     * <p>The session row is locked first, then the token is consumed by one conditional update
     * ({@code ... WHERE consumed_at IS NULL}) that changes exactly one row, or none when another rotation or a
     * logout got there first. A token consumed at most {@code graceMillis} ago is then exchanged again (concurrent
     * tabs refreshing at once); with a grace of 0, or a token consumed earlier, the presentation is a replay and the
     * whole session is revoked.
     */
    public Rotation rotate(String presented, String replacement, long now, long graceMillis, long newExpiry) {
        return rotate(presented, replacement, now, graceMillis, newExpiry, newExpiry - now, Long.MAX_VALUE);
    }

    /**
     * {@link #rotate(String, String, long, long, long)} within a session's lifetimes: a session whose expiry has passed
     * (not refreshed within its idle timeout), or that is {@code maxLifetimeMillis} old, is revoked in the rotation's
     * transaction ({@link Lapsed}); otherwise it lives on until {@code idleMillis} from now, never beyond its
     * maximum lifetime, and the new refresh token expires at {@code tokenExpiry} or at the session's end, whichever
     * comes first.
     */
    public Rotation rotate(String presented, String replacement, long now, long graceMillis, long tokenExpiry, long idleMillis,
                           long maxLifetimeMillis) {
        return revoking((em, revoked) -> {
            RefreshToken token = em.find(RefreshToken.class, presented);
            if (token == null) {
                return new Refused("unknown refresh token", null);
            }
            LoginSession session = em.find(LoginSession.class, token.sessionId(), LockModeType.PESSIMISTIC_WRITE);
            if (session == null) {
                return new Refused("refresh token of a deleted session", null);
            }
            if (session.revokedAt() != null) {
                return new Refused("session " + Ids.forLog(session.id()) + " was revoked", null);
            }
            boolean pastMaxLifetime = now >= plus(session.createdAt(), maxLifetimeMillis);
            if (session.expiresAt() <= now || pastMaxLifetime) {
                revoke(em, revoked, session, now);
                return new Lapsed(SessionInfo.of(session), pastMaxLifetime);
            }
            if (token.expiresAt() <= now) {
                return new Refused("refresh token expired", null);
            }
            SubjectRevocation all = em.find(SubjectRevocation.class, session.subject());
            if (all != null && session.createdAt() < all.notBefore()) {
                revoke(em, revoked, session, now);
                return new Refused("session " + Ids.forLog(session.id()) + " predates logout on all devices", null);
            }
            int consumed = em.createQuery("UPDATE RefreshToken r SET r.consumedAt = :now, r.replacedBy = :next "
                            + "WHERE r.tokenHash = :hash AND r.consumedAt IS NULL")
                    .setParameter("now", now).setParameter("next", replacement).setParameter("hash", presented)
                    .executeUpdate();
            if (consumed != 1) {
                // a locking read sees the latest committed state whatever the isolation level
                em.refresh(token, LockModeType.PESSIMISTIC_WRITE);
                Long consumedAt = token.consumedAt();
                boolean withinGrace = graceMillis > 0 && consumedAt != null && now - consumedAt <= graceMillis;
                if (!withinGrace) {
                    revoke(em, revoked, session, now);
                    return new Refused("refresh token replayed after rotation; session " + Ids.forLog(session.id()) + " revoked",
                            SessionInfo.of(session));
                }
            }
            long sessionEnd = Math.min(plus(now, idleMillis), plus(session.createdAt(), maxLifetimeMillis));
            em.persist(new RefreshToken(replacement, session.id(), now, Math.min(tokenExpiry, sessionEnd)));
            session.refreshed(now, sessionEnd);
            return new Rotated(SessionInfo.of(session));
        });
    }

    /** The session a refresh token belongs to, whatever the token's state. */
    public Optional<SessionInfo> sessionOfRefreshToken(String hash) {
        return database.inTransaction(em -> {
            RefreshToken token = em.find(RefreshToken.class, hash);
            LoginSession session = token == null ? null : em.find(LoginSession.class, token.sessionId());
            return Optional.ofNullable(session).map(SessionInfo::of);
        });
    }

    public Optional<SessionInfo> session(String sessionId) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(LoginSession.class, sessionId)).map(SessionInfo::of));
    }

    /**
     * Revokes one session (its refresh tokens are consumed, and every access token carrying its id is refused).
     * When there is no such session, revokes {@code accessToken} by its id instead, if given.
     *
     * @return the session as it was before, or empty if there is no such session
     */
    public Optional<SessionInfo> revokeSession(String sessionId, RevokedToken accessToken, long now) {
        return revoking((em, revoked) -> {
            LoginSession session = sessionId == null ? null : em.find(LoginSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
            SessionInfo before = session == null ? null : SessionInfo.of(session);
            if (session != null) {
                revoke(em, revoked, session, now);
            } else {
                revokeToken(em, revoked, accessToken, now);
            }
            return Optional.ofNullable(before);
        });
    }

    /**
     * Logout on all devices: records the subject's "not before", revokes every live session of the subject and
     * consumes their refresh tokens, and, when given, revokes one access token.
     *
     * @return the ids of the sessions that were live
     */
    public List<String> revokeSubject(String subject, RevokedToken accessToken, long now) {
        return revokeSubject(subject, accessToken, now, now);
    }

    /**
     * {@link #revokeSubject(String, RevokedToken, long)} recorded at {@code now} for a logout that happened at
     * {@code notBefore} (a logout whose first attempt failed and is written again later).
     */
    public List<String> revokeSubject(String subject, RevokedToken accessToken, long notBefore, long now) {
        return revoking((em, revoked) -> {
            SubjectRevocation revocation = em.find(SubjectRevocation.class, subject, LockModeType.PESSIMISTIC_WRITE);
            if (revocation == null) {
                revocation = new SubjectRevocation(subject, notBefore, now);
                em.persist(revocation);
            } else {
                revocation.moveTo(notBefore, now);
            }
            List<LoginSession> live = em.createQuery(
                            "SELECT s FROM LoginSession s WHERE s.subject = :subject AND s.revokedAt IS NULL ORDER BY s.id",
                            LoginSession.class)
                    .setParameter("subject", subject).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            for (LoginSession session : live) {
                // announced one by one too: a token issued in the same second as the logout is refused by its session
                revoke(em, revoked, session, now);
            }
            revokeToken(em, revoked, accessToken, now);
            revoked.add(new Revocation(new RevocationNotice(RevocationNotice.SUBJECT, revocation.notBefore(), subject), subject));
            return live.stream().map(LoginSession::id).toList();
        });
    }

    /** Revokes one access token until its expiry. */
    public void revokeAccessToken(RevokedToken accessToken, long now) {
        revoking((em, revoked) -> {
            revokeToken(em, revoked, accessToken, now);
            return null;
        });
    }

    /**
     * The live sessions of {@code subject} at {@code now}, newest first: not revoked, not expired, created after
     * {@code bornAfter} (younger than their maximum lifetime) and not before the subject's last logout on all devices.
     */
    public List<SessionDetails> liveSessions(String subject, long now, long bornAfter) {
        return database.inTransaction(em -> {
            SubjectRevocation all = em.find(SubjectRevocation.class, subject);
            long notBefore = Math.max(bornAfter + 1, all == null ? Long.MIN_VALUE : all.notBefore());
            return em.createQuery("SELECT s FROM LoginSession s WHERE s.subject = :subject AND s.revokedAt IS NULL "
                            + "AND s.expiresAt > :now AND s.createdAt >= :notBefore ORDER BY s.createdAt DESC, s.id DESC", LoginSession.class)
                    .setParameter("subject", subject).setParameter("now", now).setParameter("notBefore", notBefore)
                    .getResultList().stream().map(SessionDetails::of).toList();
        });
    }

    /**
     * At most {@code max} sessions that are not revoked but have lapsed: their expiry is at or before {@code now}, or
     * they were created at or before {@code bornBy} (their maximum lifetime is over). Oldest expiry first.
     */
    public List<SessionDetails> lapsedSessions(long now, long bornBy, int max) {
        return database.inTransaction(em -> em.createQuery("SELECT s FROM LoginSession s WHERE s.revokedAt IS NULL "
                        + "AND (s.expiresAt <= :now OR s.createdAt <= :bornBy) ORDER BY s.expiresAt, s.id", LoginSession.class)
                .setParameter("now", now).setParameter("bornBy", bornBy).setMaxResults(max).getResultList().stream()
                .map(SessionDetails::of).toList());
    }

    /**
     * Deletes at most {@code max} refresh tokens that expired before {@code before}, in one transaction.
     *
     * @return how many were selected for deletion: fewer than {@code max} means none is left
     */
    public int purgeRefreshTokens(long before, int max) {
        return database.inTransaction(em -> {
            List<String> hashes = em.createQuery("SELECT r.tokenHash FROM RefreshToken r WHERE r.expiresAt < :before", String.class)
                    .setParameter("before", before).setMaxResults(max).getResultList();
            if (!hashes.isEmpty()) {
                em.createQuery("DELETE FROM RefreshToken r WHERE r.tokenHash IN :hashes AND r.expiresAt < :before")
                        .setParameter("hashes", hashes).setParameter("before", before).executeUpdate();
            }
            return hashes.size();
        });
    }

    /**
     * Deletes at most {@code max} dead sessions, with their refresh tokens, in one transaction: sessions that expired
     * before {@code expiredBefore} or were revoked before {@code revokedBefore}. The session rows go first, in the
     * order a logout or a refresh locks them, so that a purge and a logout never wait for each other in a cycle.
     *
     * @return how many sessions were selected for deletion
     */
    public int purgeSessions(long expiredBefore, long revokedBefore, int max) {
        return database.inTransaction(em -> {
            List<String> ids = em.createQuery("SELECT s.id FROM LoginSession s WHERE s.expiresAt < :expired OR s.revokedAt < :revoked",
                            String.class)
                    .setParameter("expired", expiredBefore).setParameter("revoked", revokedBefore).setMaxResults(max).getResultList();
            if (!ids.isEmpty()) {
                // the conditions are checked again on the rows as they are when deleted: one refreshed meanwhile stays
                List<String> dead = em.createQuery("SELECT s.id FROM LoginSession s WHERE s.id IN :ids "
                                + "AND (s.expiresAt < :expired OR s.revokedAt < :revoked)", String.class)
                        .setParameter("ids", ids).setParameter("expired", expiredBefore).setParameter("revoked", revokedBefore)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
                if (!dead.isEmpty()) {
                    em.createQuery("DELETE FROM LoginSession s WHERE s.id IN :ids").setParameter("ids", dead).executeUpdate();
                    em.createQuery("DELETE FROM RefreshToken r WHERE r.sessionId IN :ids").setParameter("ids", dead).executeUpdate();
                }
            }
            return ids.size();
        });
    }

    /**
     * Deletes at most {@code max} revoked access-token ids whose token expired before {@code before}.
     *
     * @return how many were selected for deletion
     */
    public int purgeRevokedTokens(long before, int max) {
        return database.inTransaction(em -> {
            List<String> ids = em.createQuery("SELECT t.jti FROM RevokedAccessToken t WHERE t.expiresAt < :before", String.class)
                    .setParameter("before", before).setMaxResults(max).getResultList();
            if (!ids.isEmpty()) {
                em.createQuery("DELETE FROM RevokedAccessToken t WHERE t.jti IN :ids AND t.expiresAt < :before").setParameter("ids", ids)
                        .setParameter("before", before).executeUpdate();
            }
            return ids.size();
        });
    }

    /**
     * Deletes at most {@code max} "logout on all devices" records written and effective before {@code before}.
     *
     * @return how many were selected for deletion
     */
    public int purgeSubjectRevocations(long before, int max) {
        return database.inTransaction(em -> {
            List<String> subjects = em.createQuery(
                            "SELECT r.subject FROM SubjectRevocation r WHERE r.updatedAt < :before AND r.notBefore < :before", String.class)
                    .setParameter("before", before).setMaxResults(max).getResultList();
            if (!subjects.isEmpty()) {
                // checked again as deleted: a logout on all devices recorded meanwhile keeps its row
                em.createQuery("DELETE FROM SubjectRevocation r WHERE r.subject IN :subjects AND r.updatedAt < :before "
                                + "AND r.notBefore < :before")
                        .setParameter("subjects", subjects).setParameter("before", before).executeUpdate();
            }
            return subjects.size();
        });
    }

    /** Every revocation recorded at or after {@code since} (epoch ms), by any node. */
    public RevocationChanges changesSince(long since) {
        return database.inTransaction(em -> new RevocationChanges(
                pairs(em, "SELECT s.id, s.revokedAt FROM LoginSession s WHERE s.revokedAt >= :since", since),
                pairs(em, "SELECT t.jti, t.expiresAt FROM RevokedAccessToken t WHERE t.revokedAt >= :since", since),
                pairs(em, "SELECT r.subject, r.notBefore FROM SubjectRevocation r WHERE r.updatedAt >= :since", since)));
    }

    private static Map<String, Long> pairs(EntityManager em, String jpql, long since) {
        Map<String, Long> result = new HashMap<>();
        for (Object[] row : em.createQuery(jpql, Object[].class).setParameter("since", since).getResultList()) {
            result.put((String) row[0], ((Number) row[1]).longValue());
        }
        return result;
    }

    /**
     * Runs {@code work} in one transaction, collecting the revocations it records: the hooks see them before the commit
     * (in the transaction) and after it. A hook that fails before the commit rolls everything back.
     */
    private <T> T revoking(BiFunction<EntityManager, List<Revocation>, T> work) {
        List<Revocation> revoked = new ArrayList<>();
        T result = database.inTransaction(em -> {
            revoked.clear();
            T value = work.apply(em, revoked);
            if (!revoked.isEmpty()) {
                List<Revocation> recorded = List.copyOf(revoked);
                for (RevocationHook hook : hooks) {
                    hook.beforeCommit(em, recorded);
                }
            }
            return value;
        });
        if (!revoked.isEmpty()) {
            List<Revocation> committed = List.copyOf(revoked);
            for (RevocationHook hook : hooks) {
                try {
                    hook.afterCommit(committed);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "{0} failed after {1} revocation(s) committed: {2}", hook.getClass().getName(),
                            committed.size(), e.toString());
                }
            }
        }
        return result;
    }

    private static void revoke(EntityManager em, List<Revocation> revoked, LoginSession session, long now) {
        session.revoke(now);
        em.createQuery("UPDATE RefreshToken r SET r.consumedAt = :now WHERE r.sessionId = :sid AND r.consumedAt IS NULL")
                .setParameter("now", now).setParameter("sid", session.id()).executeUpdate();
        revoked.add(new Revocation(new RevocationNotice(RevocationNotice.SESSION, session.revokedAt(), session.id()), session.subject()));
    }

    private static void revokeToken(EntityManager em, List<Revocation> revoked, RevokedToken token, long now) {
        if (token != null && em.find(RevokedAccessToken.class, token.jti()) == null) {
            em.persist(new RevokedAccessToken(token.jti(), token.subject(), now, token.expiresAtMillis()));
            revoked.add(new Revocation(new RevocationNotice(RevocationNotice.TOKEN, token.expiresAtMillis(), token.jti()), token.subject()));
        }
    }

    /** {@code a + b}, or {@link Long#MAX_VALUE} where that overflows. */
    private static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    // Logins from an external OpenID Provider, back-channel logout and introspection

    /**
     * Records a back-channel logout token of provider {@code issuer} as used until {@code validUntil}, and returns the
     * live sessions it names, in one transaction: with {@code sid}, those whose recorded provider session is
     * {@code sid} (and, when {@code sub} is given too, whose provider subject is {@code sub}); with {@code sub} alone,
     * every session of that subject: those recorded with it, and those of Signoff's realm (no provider recorded)
     * whose subject is {@code sub}.
     *
     * @param jtiHash the SHA-256 of the token's issuer and {@code jti}
     * @return empty when the token was recorded before (a replay)
     * @throws StoreException when the database fails, or another node recorded the same token at the same moment
     *                        ({@link #logoutTokenUsed} then tells); nothing is recorded
     */
    public Optional<List<SessionInfo>> useLogoutToken(String jtiHash, long now, long validUntil, String issuer, String sid, String sub) {
        return database.inTransaction(em -> {
            if (em.find(LogoutTokenUse.class, jtiHash) != null) {
                return Optional.<List<SessionInfo>>empty();
            }
            em.persist(new LogoutTokenUse(jtiHash, now, validUntil));
            em.flush();
            List<LoginSession> found;
            if (sid != null) {
                found = em.createQuery("SELECT s FROM LoginSession s WHERE s.providerIss = :iss AND s.providerSid = :sid "
                                + "AND s.revokedAt IS NULL ORDER BY s.id", LoginSession.class)
                        .setParameter("iss", issuer).setParameter("sid", sid).getResultList();
                if (sub != null) {
                    found = found.stream().filter(s -> sub.equals(s.providerSub())).toList();
                }
            } else {
                found = em.createQuery("SELECT s FROM LoginSession s WHERE s.revokedAt IS NULL AND ((s.providerIss = :iss "
                                + "AND s.providerSub = :sub) OR (s.providerIss IS NULL AND s.subject = :sub)) ORDER BY s.id",
                                LoginSession.class)
                        .setParameter("iss", issuer).setParameter("sub", sub).getResultList();
            }
            return Optional.of(found.stream().map(SessionInfo::of).toList());
        });
    }

    /** Whether a back-channel logout token was recorded as used. */
    public boolean logoutTokenUsed(String jtiHash) {
        return database.inTransaction(em -> em.find(LogoutTokenUse.class, jtiHash) != null);
    }

    /**
     * Deletes at most {@code max} used logout tokens that could no longer be valid before {@code before}.
     *
     * @return how many were selected for deletion
     */
    public int purgeLogoutTokens(long before, int max) {
        return database.inTransaction(em -> {
            List<String> ids = em.createQuery("SELECT t.jtiHash FROM LogoutTokenUse t WHERE t.expiresAt < :before", String.class)
                    .setParameter("before", before).setMaxResults(max).getResultList();
            if (!ids.isEmpty()) {
                em.createQuery("DELETE FROM LogoutTokenUse t WHERE t.jtiHash IN :ids AND t.expiresAt < :before")
                        .setParameter("ids", ids).setParameter("before", before).executeUpdate();
            }
            return ids.size();
        });
    }

    /** The refresh token hashed {@code hash} and its session, for introspection; empty when unknown. */
    public Optional<RefreshTokenState> refreshToken(String hash) {
        return database.inTransaction(em -> {
            RefreshToken token = em.find(RefreshToken.class, hash);
            LoginSession session = token == null ? null : em.find(LoginSession.class, token.sessionId());
            return session == null ? Optional.<RefreshTokenState>empty() : Optional.of(new RefreshTokenState(SessionInfo.of(session),
                    token.issuedAt(), token.expiresAt(), token.consumedAt(), session.expiresAt()));
        });
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
