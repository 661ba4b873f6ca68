package dev.signoff;

import dev.signoff.config.ConfigException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The application's extensions of one type: the classes a context-param names, in its order, then those
 * {@link ServiceLoader} finds, each class once. A named class that cannot be loaded or made fails the deployment,
 * naming the parameter.
 */
final class Extensions {

    private Extensions() {
    }

    static <T> List<T> load(Class<T> type, String parameter, List<String> classNames, ClassLoader loader) {
        Map<String, T> found = new LinkedHashMap<>();
        for (String name : classNames) {
            found.put(name, instantiate(type, parameter, name, loader));
        }
        try {
            for (T extension : ServiceLoader.load(type, loader)) {
                found.putIfAbsent(extension.getClass().getName(), extension);
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigException(parameter, "a " + type.getSimpleName() + " listed in META-INF/services/" + type.getName()
                    + " cannot be loaded: " + e.getMessage());
        }
        return new ArrayList<>(found.values());
    }

    private static <T> T instantiate(Class<T> type, String parameter, String name, ClassLoader loader) {
        Class<?> loaded;
        try {
            loaded = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(parameter, "names class " + name + ", which cannot be loaded: " + e);
        }
        if (!type.isAssignableFrom(loaded)) {
            throw new ConfigException(parameter, "names class " + name + ", which does not implement " + type.getName());
        }
        try {
            return type.cast(loaded.getConstructor().newInstance());
        } catch (InvocationTargetException e) {
            throw new ConfigException(parameter, "names class " + name + ", whose constructor failed: " + e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigException(parameter, "names class " + name + ", which has no public no-argument constructor: " + e);
        }
    }
}
