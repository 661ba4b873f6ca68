package dev.signoff.bench.http;

import dev.signoff.bench.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (keep-alive HTTP/1.1 load, fixed connections and duration) and reads its report. */
public final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(\\w+),");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    /** One run's numbers; latencies in milliseconds. */
    public record Report(long requests, double perSecond, double p50, double p99, long errors) {
    }

    /** Runs {@code script} (which reads {@code tokens}) against {@code url}. */
    public static Report run(int threads, int connections, int seconds, Path script, Path tokens, String url) throws IOException {
        String out = Processes.run(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "--timeout", "5s", "-s", script.toString(), url, "--", tokens.toString()), seconds + 60L);
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            throw new IOException(non2xx.group(1) + " responses to " + url + " were not 2xx: a benchmark of refusals measures "
                    + "nothing\n" + out);
        }
        Matcher requests = REQUESTS.matcher(out);
        Matcher rate = RATE.matcher(out);
        if (!requests.find() || !rate.find()) {
            throw new IOException("cannot read wrk's report:\n" + out);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(out);
        while (percentile.find()) {
            double ms = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            if ("50".equals(percentile.group(1))) {
                p50 = ms;
            } else {
                p99 = ms;
            }
        }
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return new Report(Long.parseLong(requests.group(1)), Double.parseDouble(rate.group(1)), p50, p99, errors);
    }
}
