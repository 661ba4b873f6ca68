package dev.signoff.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void setWithoutEqualsSaysThatTheEqualsIsMissingAndNeverRepeatsTheArgument() {
        UsageException e = assertThrows(UsageException.class, () -> LauncherOptions.parse(new String[] {"--set", "s3cr3t-value"}));
        assertTrue(e.getMessage().startsWith("--set: expected NAME=VALUE but the argument has no '='"), e.getMessage());
        assertFalse(e.getMessage().contains("no name before"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-value"), "the argument may be a secret");
    }

    @Test
    void setWithNothingBeforeTheEqualsSaysTheNameIsMissing() {
        UsageException e = assertThrows(UsageException.class, () -> LauncherOptions.parse(new String[] {"--set", "=value"}));
        assertEquals("--set: expected NAME=VALUE but the argument has no name before '='", e.getMessage());
        UsageException blank = assertThrows(UsageException.class, () -> LauncherOptions.parse(new String[] {"--set", "  =value"}));
        assertEquals(e.getMessage(), blank.getMessage());
    }

    @Test
    void setTakesTheValueAfterTheFirstEqualsAndAllowsAnEmptyOne() throws Exception {
        LauncherOptions options = LauncherOptions.parse(new String[] {"--set", "signoff.issuer=a=b", "--set=include=", "--db", "jdbc:h2:mem:x"});
        assertEquals(Map.of("signoff.issuer", "a=b", "include", "", LauncherOptions.DB_URL_PARAM, "jdbc:h2:mem:x"), options.contextParams());
        assertEquals(List.of("include"), options.componentParamNames(), "names outside signoff. are the components' init-params");
    }

    @Test
    void debugAndVerboseAreFlagsWithoutValues() throws Exception {
        LauncherOptions options = LauncherOptions.parse(new String[] {"--debug"});
        assertTrue(options.debug());
        assertFalse(options.verbose());
        assertEquals("--debug takes no value",
                assertThrows(UsageException.class, () -> LauncherOptions.parse(new String[] {"--debug=yes"})).getMessage());
        assertEquals("--verbose takes no value",
                assertThrows(UsageException.class, () -> LauncherOptions.parse(new String[] {"--verbose=1"})).getMessage());
    }

    @Test
    void usageDocumentsEveryOptionAndTheExitStatus() {
        String usage = LauncherOptions.usage(List.of("jwt-cookie"));
        for (String option : List.of("--port", "--host", "--user", "--db", "--set", "--contract", "--https-port", "--keystore",
                "--keystore-password-env", "--debug", "--verbose", "--help")) {
            assertTrue(usage.contains("  " + option + " "), option);
        }
        assertTrue(usage.contains("init-param of Signoff's filters and servlets"), usage);
        assertTrue(usage.contains("Exit status: 0 after a clean stop (SIGTERM or Ctrl-C"), usage);
    }
}
