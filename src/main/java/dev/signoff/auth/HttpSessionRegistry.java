package dev.signoff.auth;

import dev.signoff.revocation.RevocationView;
import dev.signoff.token.Ids;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's registry of the HttpSessions that hold a login (a Signoff {@link HttpSessionLogin}, or the
 * container's own login seen by {@link AuthFilter}), so that a revocation invalidates them as soon as this node
 * learns of it, from a logout here or on any other node, instead of waiting for their next request. Sessions are
 * added when the login is stored in them ({@code SignoffListener} hears it) or authenticated by the filter, and
 * removed when they end.
 *
 * <p>Thread-safe: every change of the three maps happens under one lock, so a reader never sees a session in one
 * index and not the other; {@link #contains} (on the authenticated path) reads without the lock. HttpSessions are
 * invalidated outside the lock (the container calls back into {@link #remove} from there).
 */
public final class HttpSessionRegistry implements RevocationView.Listener {

    private static final System.Logger LOG = System.getLogger(HttpSessionRegistry.class.getName());

    /** One session's login; {@code sessionId} is {@code null} for a container login. */
    private record Login(HttpSession session, String subject, String sessionId, long authenticatedAt) {
    }

    private final Map<String, Login> byHttpSession = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> bySessionId = new HashMap<>();
    private final Map<String, Set<String>> bySubject = new HashMap<>();

    /**
     * Remembers that {@code session} holds a login of {@code subject}.
     *
     * @param sessionId       the Signoff login session, or {@code null} for a container login
     * @param authenticatedAt when the login happened (epoch ms)
     */
    public void add(HttpSession session, String subject, String sessionId, long authenticatedAt) {
        String id = HttpSessions.id(session);
        if (id == null) {
            return;
        }
        Login login = new Login(session, subject, sessionId, authenticatedAt);
        synchronized (this) {
            Login before = byHttpSession.put(id, login);
            if (login.equals(before)) {
                return;
            }
            if (before != null) {
                unindex(id, before);
            }
            index(id, login);
        }
    }

    /** {@link #add}s a session that is not known yet: one restored or replicated by the container was never seen logging in. */
    public void follow(HttpSession session, String subject, String sessionId, long authenticatedAt) {
        String id = HttpSessions.id(session);
        if (id != null && !byHttpSession.containsKey(id)) {
            add(session, subject, sessionId, authenticatedAt);
        }
    }

    /** Whether the HttpSession {@code id} is known to hold a login. */
    public boolean contains(String id) {
        return byHttpSession.containsKey(id);
    }

    /** Forgets the HttpSession {@code id} (it ended, or its login was removed). */
    public synchronized void remove(String id) {
        Login login = byHttpSession.remove(id);
        if (login != null) {
            unindex(id, login);
        }
    }

    /** The container changed the id of an HttpSession from {@code oldId}. */
    public void renamed(String oldId, HttpSession session) {
        String id = HttpSessions.id(session);
        synchronized (this) {
            Login login = byHttpSession.remove(oldId);
            if (login == null) {
                return;
            }
            unindex(oldId, login);
            if (id != null) {
                Login moved = new Login(session, login.subject(), login.sessionId(), login.authenticatedAt());
                byHttpSession.put(id, moved);
                index(id, moved);
            }
        }
    }

    /** How many HttpSessions with a login this node holds. */
    public int size() {
        return byHttpSession.size();
    }

    @Override
    public void sessionRevoked(String sessionId) {
        List<Login> ended;
        synchronized (this) {
            Set<String> ids = bySessionId.get(sessionId);
            ended = ids == null ? List.of() : takeAll(List.copyOf(ids));
        }
        ended.forEach(login -> invalidate(login, "its login session " + Ids.forLog(sessionId) + " was logged out"));
    }

    @Override
    public void subjectRevoked(String subject, long notBefore) {
        List<Login> ended;
        synchronized (this) {
            Set<String> ids = bySubject.get(subject);
            // whole seconds, as the revocation view compares token times
            ended = ids == null ? List.of() : takeAll(ids.stream()
                    .filter(id -> byHttpSession.get(id).authenticatedAt() / 1000 < notBefore / 1000).toList());
        }
        ended.forEach(login -> invalidate(login, subject + " was logged out on all devices"));
    }

    private List<Login> takeAll(List<String> ids) {
        return ids.stream().map(id -> {
            Login login = byHttpSession.remove(id);
            unindex(id, login);
            return login;
        }).toList();
    }

    private static void invalidate(Login login, String why) {
        if (HttpSessions.invalidate(login.session())) {
            LOG.log(System.Logger.Level.DEBUG, "invalidated an HttpSession of {0}: {1}", login.subject(), why);
        }
    }

    private void index(String id, Login login) {
        if (login.sessionId() != null) {
            bySessionId.computeIfAbsent(login.sessionId(), k -> new HashSet<>()).add(id);
        }
        bySubject.computeIfAbsent(login.subject(), k -> new HashSet<>()).add(id);
    }

    private void unindex(String id, Login login) {
        if (login.sessionId() != null) {
            removeFrom(bySessionId, login.sessionId(), id);
        }
        removeFrom(bySubject, login.subject(), id);
    }

    private static void removeFrom(Map<String, Set<String>> index, String key, String id) {
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            index.remove(key);
        }
    }
}
