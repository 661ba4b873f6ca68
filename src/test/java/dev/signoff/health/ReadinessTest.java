package dev.signoff.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.signoff.fakes.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicBoolean answers = new AtomicBoolean(true);
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicLong syncedAt = new AtomicLong(clock.millis());
    private final Readiness readiness = new Readiness(() -> {
        asked.incrementAndGet();
        return answers.get();
    }, syncedAt::get, 3_000, clock);

    @Test
    void readyWhileTheDatabaseAnswersAndTheViewIsFresh() {
        assertNull(readiness.check());
        clock.now = clock.now.plus(Duration.ofSeconds(4));
        assertEquals(Readiness.Reason.REVOCATIONS_STALE, readiness.check());
        syncedAt.set(clock.millis());
        answers.set(false);
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertEquals(Readiness.Reason.DATABASE_UNREACHABLE, readiness.check());
    }

    @Test
    void theDatabaseIsAskedAtMostOnceASecond() {
        for (int i = 0; i < 50; i++) {
            readiness.check();
        }
        assertEquals(1, asked.get());
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        readiness.check();
        assertEquals(2, asked.get());
    }
}
