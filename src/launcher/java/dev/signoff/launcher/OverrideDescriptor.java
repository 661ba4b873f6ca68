package dev.signoff.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the context-params given on the command line as a Jetty override descriptor: a {@code web.xml}-format file
 * that Jetty applies after the war's own descriptor, so a param set here replaces the war's value of the same name
 * (a plain {@code setInitParameter} would be overwritten by {@code web.xml}).
 */
final class OverrideDescriptor {

    private OverrideDescriptor() {
    }

    /** Writes {@code params} to {@code target}, which belongs in a private directory: values may be secrets. */
    static Path write(Map<String, String> params, Path target) throws IOException {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        for (Map.Entry<String, String> param : params.entrySet()) {
            xml.append("  <context-param>\n")
                    .append("    <param-name>").append(escape(param.getKey())).append("</param-name>\n")
                    .append("    <param-value>").append(escape(param.getValue())).append("</param-value>\n")
                    .append("  </context-param>\n");
        }
        xml.append("</web-app>\n");
        Files.writeString(target, xml, StandardCharsets.UTF_8);
        return target;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\t', '\n', '\r' -> out.append("&#").append((int) c).append(';');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
