package dev.signoff.events;

import java.util.List;

/**
 * Hands each event to every registered {@link SignoffEventListener} in turn, each isolated from the others: an
 * exception is logged at WARNING (without the event's ids beyond the subject) and the next listener is called.
 * Immutable and thread-safe.
 */
public final class Events {

    private static final System.Logger LOG = System.getLogger(Events.class.getName());

    private final List<SignoffEventListener> listeners;
    private final List<SignoffEventListener> own;

    public Events(List<SignoffEventListener> listeners) {
        this(List.of(), listeners);
    }

    /**
     * @param own       Signoff's own listeners (the counters, the audit trail): they hear every event, and first
     * @param listeners the application's: they hear every event but {@link SignoffEvent.LogoutAttempted}, whose
     *                  successful logouts they hear as {@link SignoffEvent.LoggedOut}
     */
    public Events(List<SignoffEventListener> own, List<SignoffEventListener> listeners) {
        this.own = List.copyOf(own);
        this.listeners = List.copyOf(listeners);
    }

    /** No listener: events go nowhere. */
    public static Events none() {
        return new Events(List.of());
    }

    public void publish(SignoffEvent event) {
        deliver(own, event);
        if (!(event instanceof SignoffEvent.LogoutAttempted)) {
            deliver(listeners, event);
        }
    }

    private static void deliver(List<SignoffEventListener> listeners, SignoffEvent event) {
        for (SignoffEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "the event listener {0} failed on {1} of {2}: {3}", listener.getClass().getName(),
                        event.getClass().getSimpleName(), event.subject(), e.toString());
            }
        }
    }

    /** How many listeners the application registered. */
    public int size() {
        return listeners.size();
    }
}
