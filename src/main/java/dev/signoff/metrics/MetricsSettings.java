package dev.signoff.metrics;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import java.util.Set;

/**
 * Where Signoff's meters are exposed ({@code signoff.metrics.*}), parsed once.
 *
 * @param jmx       whether they are registered as MBeans, for jconsole and the servers' consoles
 *                  ({@code signoff.metrics.jmx}, default true)
 * @param jmxDomain the MBeans' domain ({@code signoff.metrics.jmx-domain}, default {@code signoff}); give each web
 *                  application of one server its own
 */
public record MetricsSettings(boolean jmx, String jmxDomain) {

    public static final String JMX = "signoff.metrics.jmx";
    public static final String JMX_DOMAIN = "signoff.metrics.jmx-domain";

    public static final Set<String> NAMES = Set.of(JMX, JMX_DOMAIN);

    public static MetricsSettings parse(Params params) {
        String domain = params.string(JMX_DOMAIN, "signoff");
        if (!domain.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException(JMX_DOMAIN, "expected letters, digits, '.', '_' or '-' but was '" + domain + "'");
        }
        return new MetricsSettings(params.bool(JMX, true), domain);
    }
}
