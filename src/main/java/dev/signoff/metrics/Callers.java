package dev.signoff.metrics;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Who is calling: the remote address, or behind a trusted proxy the last address of {@code X-Forwarded-For}; and
 * whether an address is a loopback one. Judged from the text alone, without a name lookup. Stateless.
 */
public final class Callers {

    private Callers() {
    }

    /** The caller's address: the last {@code X-Forwarded-For} entry when the request comes from a trusted proxy. */
    public static String address(HttpServletRequest request, List<String> trustedProxies) {
        String remote = request.getRemoteAddr();
        if (remote == null || !trustedProxies.contains(remote)) {
            return remote;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return remote;
        }
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
    }

    /** Whether {@code address} is 127.0.0.0/8 or ::1 (in any of its spellings, bracketed or not). */
    public static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return true;
        }
        if (a.startsWith("::ffff:")) {
            return isLoopback(a.substring("::ffff:".length()));
        }
        return a.equals("::1") || a.matches("(0{1,4}:){7}0{0,3}1") || a.equals("0:0:0:0:0:0:0:1");
    }
}
