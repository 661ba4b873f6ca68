package dev.signoff.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The alternative deployment descriptors packaged in the war as {@value #PREFIX}{@code NAME.xml}, one per contract
 * (a named way of deploying Signoff). Only entries directly under {@value #PREFIX} count.
 */
final class Contracts {

    static final String PREFIX = "WEB-INF/contracts/";

    private Contracts() {
    }

    /** The contract names packaged in {@code war}, sorted. */
    static List<String> available(Path war) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (entry.startsWith(PREFIX) && entry.endsWith(".xml") && entry.indexOf('/', PREFIX.length()) < 0) {
                    String name = entry.substring(PREFIX.length(), entry.length() - ".xml".length());
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    /**
     * Copies the descriptor of contract {@code name} to {@code target}.
     *
     * @throws UsageException when the war has no such contract; the message lists the ones it has
     */
    static Path extract(Path war, String name, Path target) throws IOException, UsageException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            ZipEntry entry = zip.getEntry(PREFIX + name + ".xml");
            if (entry == null || entry.isDirectory()) {
                List<String> names = available(war);
                throw new UsageException("unknown contract '" + name + "'; available: "
                        + (names.isEmpty() ? "none packaged" : String.join(", ", names)), false);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
