package dev.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main/java depend on each other in no cycle. A package depends on another when one of its
 * files names a class of the other in code (an import, or a qualified name outside comments and string literals).
 */
class PackageCycleTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.signoff(?:\\.[a-z]\\w*)*)\\.[A-Z*]");

    @Test
    void theMainPackagesDependOnEachOtherInNoCycle() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        assertTrue(graph.size() >= 8, "found the packages: " + graph.keySet());
        assertTrue(graph.get("dev.signoff").contains("dev.signoff.auth"), "the scan sees imports: " + graph.get("dev.signoff"));
        List<String> cycle = cycle(graph);
        assertEquals(List.of(), cycle, "a package import cycle; the graph: " + graph);
    }

    @Test
    void theScanFindsACycleWhenThereIsOne() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of()));
        assertEquals(List.of("a", "b", "c", "a"), cycle(graph));
    }

    @Test
    void commentsAndStringsAreNoDependency() {
        String code = "/* dev.signoff.x.A */ String s = \"dev.signoff.y.B /*\"; // dev.signoff.z.C\n dev.signoff.w.D d; char c = '\"';";
        assertEquals("dev.signoff.w", references(code).iterator().next());
        assertEquals(1, references(code).size(), code);
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                if (!declared.find()) {
                    continue;
                }
                String pkg = declared.group(1);
                Set<String> edges = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                for (String other : references(source.substring(declared.end()))) {
                    if (!other.equals(pkg)) {
                        edges.add(other);
                    }
                }
            }
        }
        graph.values().forEach(edges -> edges.retainAll(graph.keySet()));
        return graph;
    }

    /** The packages named in code outside comments and literals. */
    private static Set<String> references(String source) {
        Set<String> packages = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code(source));
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }

    /** {@code source} with comments, string, text-block and char literals blanked out. */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = end(source, source.indexOf('\n', i), n);
            } else if (source.startsWith("/*", i)) {
                i = end(source, source.indexOf("*/", i + 2), n) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                i = end(source, source.indexOf("\"\"\"", i + 3), n) + 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(' ');
        }
        return out.toString();
    }

    private static int end(String source, int found, int n) {
        return found < 0 ? n : found;
    }

    /** A cycle of {@code graph} as a path that ends where it starts, or an empty list. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return List.of();
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
