package dev.signoff.sessions;

import jakarta.servlet.http.HttpServletRequest;

/** The path segments after a session servlet's mapping. */
final class SessionPaths {

    private SessionPaths() {
    }

    /**
     * The segments of the path info ({@code /a/b} is {@code [a, b]}; none, or {@code /}, is none). A path with an
     * empty segment ({@code /a//b}, {@code /a/}) is one empty segment, which no route accepts.
     */
    static String[] segments(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.equals("/")) {
            return new String[0];
        }
        String[] parts = info.substring(1).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return new String[] {""};
            }
        }
        return parts;
    }
}
