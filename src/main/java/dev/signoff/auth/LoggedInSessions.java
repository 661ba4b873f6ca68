package dev.signoff.auth;

import dev.signoff.revocation.RevocationView;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HttpSessions of this node that hold a login (a Signoff {@link SessionLogin}, or the container's own login
 * seen by {@link AuthFilter}), so that a revocation invalidates them as soon as this node learns of it, from a
 * logout here or on any other node, instead of waiting for their next request. Sessions are added when the login
 * is stored in them ({@link dev.signoff.SignoffListener} hears it) or authenticated by the filter, and removed
 * when they end.
 *
 * <p>This class is thread-safe.
 */
public final class LoggedInSessions implements RevocationView.Listener {

    private static final System.Logger LOG = System.getLogger(LoggedInSessions.class.getName());

    /** One session's login; {@code sessionId} is {@code null} for a container login. */
    private record Login(HttpSession session, String subject, String sessionId, long authenticatedAt) {
    }

    private final Map<String, Login> byHttpSession = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> bySessionId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> bySubject = new ConcurrentHashMap<>();

    /**
     * Remembers that {@code session} holds a login of {@code subject}.
     *
     * @param sessionId       the Signoff login session, or {@code null} for a container login
     * @param authenticatedAt when the login happened (epoch ms)
     */
    public void add(HttpSession session, String subject, String sessionId, long authenticatedAt) {
        String id;
        try {
            id = session.getId();
        } catch (IllegalStateException invalidated) {
            return;
        }
        Login login = new Login(session, subject, sessionId, authenticatedAt);
        Login before = byHttpSession.put(id, login);
        if (login.equals(before)) {
            return;
        }
        if (before != null) {
            unindex(id, before);
        }
        if (sessionId != null) {
            addTo(bySessionId, sessionId, id);
        }
        addTo(bySubject, subject, id);
    }

    /** Whether the HttpSession {@code id} is known to hold a login. */
    public boolean contains(String id) {
        return byHttpSession.containsKey(id);
    }

    /** Forgets the HttpSession {@code id} (it ended, or its login was removed). */
    public void remove(String id) {
        Login login = byHttpSession.remove(id);
        if (login != null) {
            unindex(id, login);
        }
    }

    /** The container changed the id of an HttpSession from {@code oldId}. */
    public void renamed(String oldId, HttpSession session) {
        Login login = byHttpSession.get(oldId);
        if (login != null) {
            remove(oldId);
            add(session, login.subject(), login.sessionId(), login.authenticatedAt());
        }
    }

    /** How many HttpSessions with a login this node holds. */
    public int size() {
        return byHttpSession.size();
    }

    @Override
    public void sessionRevoked(String sessionId) {
        Set<String> ids = bySessionId.get(sessionId);
        if (ids != null) {
            for (String id : List.copyOf(ids)) {
                invalidate(id, "its login session " + sessionId + " was logged out");
            }
        }
    }

    @Override
    public void subjectRevoked(String subject, long notBefore) {
        Set<String> ids = bySubject.get(subject);
        if (ids == null) {
            return;
        }
        for (String id : List.copyOf(ids)) {
            Login login = byHttpSession.get(id);
            // whole seconds, as the revocation view compares token times
            if (login != null && login.authenticatedAt() / 1000 < notBefore / 1000) {
                invalidate(id, subject + " was logged out on all devices");
            }
        }
    }

    private void invalidate(String id, String why) {
        Login login = byHttpSession.get(id);
        remove(id);
        if (login == null) {
            return;
        }
        try {
            login.session().invalidate();
            LOG.log(System.Logger.Level.DEBUG, "invalidated an HttpSession of {0}: {1}", login.subject(), why);
        } catch (IllegalStateException alreadyInvalid) {
            // ended meanwhile
        }
    }

    private void unindex(String id, Login login) {
        if (login.sessionId() != null) {
            removeFrom(bySessionId, login.sessionId(), id);
        }
        removeFrom(bySubject, login.subject(), id);
    }

    private static void addTo(Map<String, Set<String>> index, String key, String id) {
        index.compute(key, (k, ids) -> {
            Set<String> set = ids != null ? ids : ConcurrentHashMap.newKeySet();
            set.add(id);
            return set;
        });
    }

    private static void removeFrom(Map<String, Set<String>> index, String key, String id) {
        index.computeIfPresent(key, (k, ids) -> {
            ids.remove(id);
            return ids.isEmpty() ? null : ids;
        });
    }
}
