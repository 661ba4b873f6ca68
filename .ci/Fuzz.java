import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one Jazzer fuzz test ({@code dev.signoff.fuzz.Class#method}) in this JVM through the JUnit Platform, without
 * Maven: {@code java -cp TEST-CLASSPATH .ci/Fuzz.java AccessTokenFuzzTest#anyString}, with {@code JAZZER_FUZZ=1} and
 * {@code JAZZER_MAX_DURATION} in the environment. Exits 1 when the target failed (a finding) or did not run.
 */
public final class Fuzz {

    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length != 1 || !args[0].contains("#")) {
            System.err.println("usage: Fuzz Class#method (a class of dev.signoff.fuzz)");
            System.exit(2);
        }
        String target = "dev.signoff.fuzz." + args[0];
        Class<?> testClass = Class.forName(target.substring(0, target.indexOf('#')));
        String name = target.substring(target.indexOf('#') + 1);
        Method method = Arrays.stream(testClass.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + target));
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(testClass, method)).build(), summary);
        TestExecutionSummary result = summary.getSummary();
        result.printTo(new PrintWriter(System.out, true));
        if (result.getTotalFailureCount() > 0) {
            result.printFailuresTo(new PrintWriter(System.err, true), 20);
            System.exit(1);
        }
        if (result.getTestsSucceededCount() == 0) {
            System.err.println(target + " did not run");
            System.exit(1);
        }
    }
}
