package dev.signoff;

import dev.signoff.events.SignoffEvent;
import dev.signoff.events.SignoffEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application's event listener, as a test registers it by class name. */
public final class RecordingListener implements SignoffEventListener {

    public static final List<SignoffEvent> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SignoffEvent event) {
        EVENTS.add(event);
    }
}
