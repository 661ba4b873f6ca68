package dev.signoff.logout;

import java.util.List;

/**
 * The steps of every logout, composed: each runs whatever the others did; a step that throws is logged, recorded
 * in the logout as a failure and skipped past. Immutable and thread-safe.
 */
public final class LogoutSteps {

    private static final System.Logger LOG = System.getLogger(LogoutSteps.class.getName());

    private final List<LogoutStep> steps;

    public LogoutSteps(List<LogoutStep> steps) {
        this.steps = List.copyOf(steps);
    }

    public void run(Logout logout) {
        for (LogoutStep step : steps) {
            try {
                step.run(logout);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the logout step {0} failed: {1}", step.getClass().getName(), e.toString());
                logout.failed(step, e);
            }
        }
    }

    public List<LogoutStep> steps() {
        return steps;
    }
}
