package dev.signoff.deploy;

import dev.signoff.config.ConfigSource;
import jakarta.servlet.ServletConfig;
import java.util.Set;

/**
 * A {@link Component} that takes no init-params: any init-param given to its registration fails the deployment,
 * naming the parameter. Its settings are {@code Boolean.TRUE}, the mark that they were checked.
 */
public interface ParameterlessComponent extends Component<Boolean> {

    @Override
    default Boolean parseSettings(ConfigSource initParams, CommonSettings common) {
        initParams.rejectUnknown(Set.of(), null, Set.of());
        return Boolean.TRUE;
    }

    /** For {@code init()}: the running deployment, once it has checked this servlet's (absent) init-params. */
    default Deployment deployment(ServletConfig config) {
        Deployment deployment = Deployment.of(config.getServletContext());
        deployment.settings(config, this);
        return deployment;
    }
}
