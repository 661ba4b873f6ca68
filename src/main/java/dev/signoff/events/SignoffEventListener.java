package dev.signoff.events;

/**
 * An application's listener for Signoff's events: how it clears its own caches or writes its own audit when a
 * login starts, is refreshed or ends. Registered by class name in the context-param {@code signoff.listeners}
 * (comma-separated; the class needs a public no-argument constructor) or through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.signoff.events.SignoffEventListener}).
 *
 * <p>Called after the change was committed to the database, on the thread that made it (a login, refresh or logout
 * request, never an authenticated request of the application): keep it quick, or hand the event to a thread of
 * your own. An exception it throws is logged and changes nothing: it cannot undo a logout, nor keep the other
 * listeners from hearing the event. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SignoffEventListener {

    void onEvent(SignoffEvent event);
}
