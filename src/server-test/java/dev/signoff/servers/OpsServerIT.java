package dev.signoff.servers;

import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.it.Http;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The unchanged signoff.war in the server of the active profile answers the probes and the metrics: its
 * Micrometer libraries load in that server's class loading (WildFly's modules, Tomcat's and Jetty's web application
 * class loaders), and a login through the server's realm is counted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpsServerIT {

    private static final Pattern LOGINS = Pattern.compile("(?m)^signoff_logins_total\\{result=\"succeeded\"} (\\S+)$");

    @Deployment(testable = false)
    static org.jboss.shrinkwrap.api.spec.WebArchive war() {
        return Deployments.signoffWar();
    }

    @ArquillianResource
    private URL base;

    private String url(String path) {
        return base.toExternalForm().replaceAll("/$", "") + path;
    }

    private double loginsSucceeded() {
        Http.Response metrics = get(url("/metrics"), Map.of());
        assertEquals(200, metrics.status(), metrics::toString);
        Matcher m = LOGINS.matcher(metrics.body());
        assertTrue(m.find(), metrics::body);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theProbesAnswerAndALoginIsCounted() {
        Http.Response live = get(url("/health"), Map.of());
        assertEquals(200, live.status(), live::toString);
        Http.Response ready = get(url("/health/ready"), Map.of());
        assertEquals(200, ready.status(), ready::toString);
        assertEquals("UP", ready.text("status"));

        double before = loginsSucceeded();
        Http.Response login = post(url("/auth/login"), credentials(Users.ALICE, Users.ALICE_PASSWORD), json());
        assertEquals(200, login.status(), login::toString);
        assertEquals(before + 1, loginsSucceeded());
    }

    @Test
    void theMetricsAreMBeansWhereTheServerRunsInThisJvm() throws Exception {
        // the embedded servers share the test's JVM, and so its platform MBean server; WildFly runs in its own
        Assumptions.assumeFalse("wildfly".equals(System.getProperty("server.name")), "WildFly's MBeans are in its own JVM");
        Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("signoff:*"), null);
        assertTrue(names.stream().anyMatch(n -> n.toString().toLowerCase(Locale.ROOT).contains("logins")),
                () -> "Signoff's meters among the MBeans: " + names);
    }
}
