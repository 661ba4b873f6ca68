package dev.signoff.token;

/**
 * Makes a parser's message fit for a refusal reason in a log line: printable ASCII only (a line break or a terminal
 * escape taken from hostile input cannot forge a log line) and at most {@link #MAX_LENGTH} characters.
 */
final class Reasons {

    static final int MAX_LENGTH = 120;

    private Reasons() {
    }

    static String safe(String message) {
        if (message == null) {
            return "no detail";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_LENGTH));
        for (int i = 0; i < message.length() && out.length() < MAX_LENGTH; i++) {
            char c = message.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return message.length() > MAX_LENGTH ? out + "..." : out.toString();
    }
}
