package dev.signoff.auth;

import java.util.List;

/**
 * Servlet-style URL patterns ({@code /exact}, {@code /prefix/*}, {@code *.ext}, {@code /} or {@code /*} for
 * everything), matched against the path within the web application. Immutable.
 */
public final class PathPatterns {

    private final List<String> patterns;

    public PathPatterns(List<String> patterns) {
        for (String p : patterns) {
            if (!isValid(p)) {
                throw new IllegalArgumentException("'" + p + "' is not a servlet URL pattern (/exact, /prefix/*, *.ext)");
            }
        }
        this.patterns = List.copyOf(patterns);
    }

    public static boolean isValid(String pattern) {
        if (pattern.startsWith("*.")) {
            return pattern.length() > 2 && pattern.indexOf('/') < 0;
        }
        if (!pattern.startsWith("/")) {
            return false;
        }
        int star = pattern.indexOf('*');
        return star < 0 || star == pattern.length() - 1 && pattern.endsWith("/*");
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public boolean matches(String path) {
        for (String p : patterns) {
            if (matches(p, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String path) {
        if ("/".equals(pattern) || "/*".equals(pattern)) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1).endsWith(pattern.substring(1));
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return pattern.equals(path);
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
