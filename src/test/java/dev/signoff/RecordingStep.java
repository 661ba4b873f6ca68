package dev.signoff;

import dev.signoff.logout.Logout;
import dev.signoff.logout.LogoutStep;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application's logout step, as a test registers it: it records every logout it runs in. */
public final class RecordingStep implements LogoutStep {

    /** What one run saw. */
    public record Seen(String subject, String scope, String reason, boolean withRequest, String resultSoFar) {
    }

    public static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public void run(Logout logout) {
        SEEN.add(new Seen(logout.subject(), logout.scope().name(), logout.reason().name(), logout.exchange().isPresent(),
                logout.result().name()));
    }
}
