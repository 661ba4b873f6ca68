package dev.signoff.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsTest {

    @Test
    void aFailingListenerKeepsNoOtherFromTheEvent() {
        List<SignoffEvent> heard = new ArrayList<>();
        Events events = new Events(List.of(heard::add, e -> {
            throw new IllegalStateException("cache down");
        }, heard::add));
        SignoffEvent event = new SignoffEvent.LoggedOut("alice", LogoutScope.USER, List.of("s1", "s2"), LogoutReason.ADMIN, 1);
        events.publish(event);
        assertEquals(List.of(event, event), heard);
    }

    @Test
    void noListenersIsQuiet() {
        Events.none().publish(new SignoffEvent.LoggedIn("bob", "sid", 1));
        assertEquals(0, Events.none().size());
    }
}
