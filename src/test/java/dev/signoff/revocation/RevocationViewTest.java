package dev.signoff.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.store.RevocationChanges;
import dev.signoff.token.AccessToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevocationViewTest {

    private static final long TTL = 900_000;

    private static AccessToken token(String jti, String sid, String sub, long iatSeconds) {
        return new AccessToken(sub, sid, jti, Set.of(), iatSeconds, iatSeconds + 900);
    }

    @Test
    void refusesByIdBySessionAndBySubject() {
        RevocationView view = new RevocationView(TTL, 0);
        AccessToken t = token("j1", "s1", "alice", 1000);
        assertFalse(view.isRevoked(t));
        view.revokeToken("j1", 1_900_000);
        assertTrue(view.isRevoked(t));
        RevocationView bySession = new RevocationView(TTL, 0);
        bySession.revokeSession("s1", 1_000_000);
        assertTrue(bySession.isRevoked(t));
        RevocationView bySubject = new RevocationView(TTL, 0);
        bySubject.revokeSubject("alice", 1_000_500);
        assertFalse(bySubject.isRevoked(t), "issued in the same second as the logout on all devices");
        assertTrue(bySubject.isRevoked(token("j2", "s2", "alice", 999)));
        assertFalse(bySubject.isRevoked(token("j3", "s3", "alice", 1001)));
        assertFalse(bySubject.isRevoked(token("j4", "s4", "bob", 999)));
    }

    @Test
    void appliesDatabaseChangesAndPrunesWhatCanNoLongerMatter() {
        RevocationView view = new RevocationView(TTL, 0);
        view.apply(new RevocationChanges(Map.of("s1", 1_000L), Map.of("j1", 2_000L), Map.of("bob", 3_000L)));
        assertEquals(3, view.size());
        view.prune(1_000L + TTL);
        assertEquals(3, view.size());
        view.prune(3_001L + TTL);
        assertEquals(0, view.size());
    }

    @Test
    void theListenerHearsOfEachNewSessionAndSubjectRevocationBeforeTheViewRefusesWithIt() {
        List<String> heard = new ArrayList<>();
        RevocationView[] self = new RevocationView[1];
        RevocationView view = new RevocationView(TTL, 0, new RevocationView.Listener() {
            @Override
            public void sessionRevoked(String sessionId) {
                heard.add("session " + sessionId + (self[0].isSessionRevoked(sessionId) ? " already refused" : ""));
            }

            @Override
            public void subjectRevoked(String subject, long notBefore) {
                heard.add("subject " + subject + " " + notBefore);
            }
        });
        self[0] = view;
        view.revokeSession("s1", 1_000);
        view.revokeSession("s1", 2_000);
        view.revokeSubject("alice", 5_000);
        view.revokeSubject("alice", 4_000);
        view.revokeSubject("alice", 6_000);
        view.apply(new RevocationChanges(Map.of("s1", 1_000L, "s2", 1_000L), Map.of("j1", 9_000L), Map.of("alice", 6_000L)));
        assertEquals(List.of("session s1", "subject alice 5000", "subject alice 6000", "session s2"), heard);
    }
}
