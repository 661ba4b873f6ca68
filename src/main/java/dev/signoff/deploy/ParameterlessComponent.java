package dev.signoff.deploy;

import dev.signoff.config.ConfigSource;
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
}
