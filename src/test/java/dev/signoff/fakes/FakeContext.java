package dev.signoff.fakes;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A web application's context: context-params, attributes, and the filters and servlets its web.xml declares. */
public final class FakeContext {

    public final Map<String, String> contextParams = new LinkedHashMap<>();
    public final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, ServletRegistration> servlets = new LinkedHashMap<>();
    private final Map<String, FilterRegistration> filters = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> initParams = new HashMap<>();

    public FakeContext param(String name, String value) {
        contextParams.put(name, value);
        return this;
    }

    public FakeContext servlet(String name, Class<?> type, Map<String, String> params) {
        initParams.put(name, params);
        servlets.put(name, Fakes.proxy(ServletRegistration.class, Map.of("getClassName", args -> type.getName(),
                "getName", args -> name, "getInitParameters", args -> params)));
        return this;
    }

    public FakeContext filter(String name, Class<?> type, Map<String, String> params) {
        initParams.put(name, params);
        filters.put(name, Fakes.proxy(FilterRegistration.class, Map.of("getClassName", args -> type.getName(),
                "getName", args -> name, "getInitParameters", args -> params)));
        return this;
    }

    private final SessionCookieConfig cookies = Fakes.proxy(SessionCookieConfig.class, Map.of("getName", args -> null,
            "getPath", args -> null, "getDomain", args -> null, "isSecure", args -> false, "isHttpOnly", args -> true,
            "getAttribute", args -> null));

    public final ServletContext context = Fakes.proxy(ServletContext.class, Map.ofEntries(
            Map.entry("getInitParameterNames", args -> Collections.enumeration(contextParams.keySet())),
            Map.entry("getInitParameter", args -> contextParams.get((String) args[0])),
            Map.entry("getContextPath", args -> ""),
            Map.entry("getClassLoader", args -> FakeContext.class.getClassLoader()),
            Map.entry("getAttribute", args -> attributes.get((String) args[0])),
            Map.entry("setAttribute", args -> attributes.put((String) args[0], args[1])),
            Map.entry("removeAttribute", args -> attributes.remove((String) args[0])),
            Map.entry("getServletRegistrations", args -> servlets),
            Map.entry("getFilterRegistrations", args -> filters),
            Map.entry("getSessionCookieConfig", args -> cookies),
            Map.entry("log", args -> null)));

    /** The configuration the container hands servlet {@code name} in {@code init}. */
    public ServletConfig servletConfig(String name) {
        Map<String, String> params = initParams.getOrDefault(name, Map.of());
        return Fakes.proxy(ServletConfig.class, Map.of("getServletName", args -> name, "getServletContext", args -> context,
                "getInitParameterNames", args -> Collections.enumeration(params.keySet()),
                "getInitParameter", args -> params.get((String) args[0])));
    }

    /** The configuration the container hands filter {@code name} in {@code init}. */
    public FilterConfig filterConfig(String name) {
        Map<String, String> params = initParams.getOrDefault(name, Map.of());
        return Fakes.proxy(FilterConfig.class, Map.of("getFilterName", args -> name, "getServletContext", args -> context,
                "getInitParameterNames", args -> Collections.enumeration(params.keySet()),
                "getInitParameter", args -> params.get((String) args[0])));
    }
}
