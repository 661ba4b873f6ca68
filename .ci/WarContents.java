import java.io.IOException;
import java.util.TreeMap;
import java.util.zip.ZipFile;

/**
 * Prints every entry of a war with its CRC-32, sorted by name: two builds of the same war print the same lines,
 * whatever the time stamps. Usage: java .ci/WarContents.java target/signoff.war
 */
public class WarContents {
    public static void main(String[] args) throws IOException {
        TreeMap<String, Long> entries = new TreeMap<>();
        try (ZipFile war = new ZipFile(args[0])) {
            war.stream().filter(e -> !e.isDirectory()).forEach(e -> entries.put(e.getName(), e.getCrc()));
        }
        entries.forEach((name, crc) -> System.out.printf("%08x %s%n", crc, name));
    }
}
