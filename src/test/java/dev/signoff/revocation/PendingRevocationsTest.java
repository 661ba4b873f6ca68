package dev.signoff.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingRevocationsTest {

    @Test
    void writesInOrderAndStopsAtTheFirstFailure() {
        PendingRevocations pending = new PendingRevocations();
        List<String> written = new ArrayList<>();
        boolean[] databaseUp = {false};
        for (String what : List.of("a", "b", "c")) {
            pending.add(what, () -> {
                if (!databaseUp[0]) {
                    throw new IllegalStateException("database unavailable");
                }
                written.add(what);
            });
        }
        assertThrows(IllegalStateException.class, pending::flush);
        assertEquals(3, pending.size());
        databaseUp[0] = true;
        pending.flush();
        assertEquals(List.of("a", "b", "c"), written);
        assertEquals(0, pending.size());
    }

    @Test
    void aWriteTheDatabaseRefusesForGoodIsGivenUpSoThatTheOthersGoThrough() {
        PendingRevocations pending = new PendingRevocations();
        List<String> written = new ArrayList<>();
        pending.add("refused", () -> {
            throw new IllegalStateException("constraint violated");
        });
        pending.add("fine", () -> written.add("fine"));
        for (int i = 0; i < PendingRevocations.STRIKES; i++) {
            RuntimeException e = assertThrows(IllegalStateException.class, pending::flush);
            pending.failedWhileReachable(e);
        }
        pending.flush();
        assertEquals(List.of("fine"), written);
    }

    @Test
    void isBounded() {
        PendingRevocations pending = new PendingRevocations();
        for (int i = 0; i < PendingRevocations.CAPACITY + 5; i++) {
            pending.add("logout " + i, () -> { });
        }
        assertEquals(PendingRevocations.CAPACITY, pending.size());
    }
}
