package dev.signoff.logout;

/**
 * One thing a logout does (Spring Security's {@code LogoutHandler} shape). Every way a login ends — the logout
 * servlet, {@code Signoff.logoutSession/logoutUser}, refresh-token reuse detection — runs the same steps, in order:
 * the revocation ({@link RevokeStep}), the steps an application registers (context-param
 * {@code signoff.logout-steps}, or {@link java.util.ServiceLoader}), then the HTTP steps ({@link EndHttpSessionStep},
 * {@link ClearCookiesStep}), which have nothing to do when the logout came without a request.
 *
 * <p>A step reads what is being ended from the {@link Logout} and records what it did there; it never writes the
 * HTTP answer. A step that throws is reported ({@link LogoutOutcome#failures()}), turns the result into
 * {@link LogoutResult#ERROR}, and does not keep the next steps from running. Implementations are thread-safe;
 * an application's step needs a public no-argument constructor.
 */
@FunctionalInterface
public interface LogoutStep {

    void run(Logout logout);
}
