package dev.signoff.legacy;

import dev.signoff.store.Revocation;
import dev.signoff.store.RevocationHook;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Clears the {@link LegacyColumn} of every user whose login a transaction ends — one session or every session,
 * whichever way the logout came (servlet, Java API, reuse detection, a retried write) — before that transaction
 * commits: a failure here rolls Signoff's own revocation back with it, and the logout is answered as a database
 * failure. A revocation of a single access token ends no login and clears nothing. Thread-safe.
 */
public final class LegacyColumnHook implements RevocationHook {

    private static final System.Logger LOG = System.getLogger(LegacyColumnHook.class.getName());

    private final LegacyColumn column;

    public LegacyColumnHook(LegacyColumn column) {
        this.column = column;
    }

    @Override
    public void beforeCommit(EntityManager em, List<Revocation> revocations) {
        Set<String> subjects = new LinkedHashSet<>();
        for (Revocation revocation : revocations) {
            if ((revocation.endsSession() || revocation.endsEverySession()) && revocation.subject() != null) {
                subjects.add(revocation.subject());
            }
        }
        for (String subject : subjects) {
            int rows = column.clear(em, subject);
            LOG.log(System.Logger.Level.DEBUG, "cleared the legacy token column of {0} ({1} rows)", subject, rows);
        }
    }
}
