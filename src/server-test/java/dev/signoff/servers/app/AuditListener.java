package dev.signoff.servers.app;

import dev.signoff.events.SignoffEvent;
import dev.signoff.events.SignoffEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's own listener in the library-form test, registered in its web.xml by {@code signoff.listeners}:
 * it keeps a line per event, which {@link EventsServlet} shows.
 */
public class AuditListener implements SignoffEventListener {

    static final List<String> HEARD = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SignoffEvent event) {
        String line = event.getClass().getSimpleName() + ":" + event.subject();
        if (event instanceof SignoffEvent.LoggedOut out) {
            line += ":" + out.scope() + ":" + out.reason() + ":" + out.sessionIds().size();
        }
        HEARD.add(line);
    }
}
