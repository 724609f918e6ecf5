package dev.mailroom.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;

/**
 * {@code -Dbench.histogram=40} (the number of classes to list): which classes a section's sessions hold, from the JVM's live-object class
 * histogram (a full collection) before and after, per session. Where the memory figure's kilobytes go.
 */
final class Histogram {

    private Histogram() {}

    /** Bytes held per class name. */
    static Map<String, Long> take() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        var bytes = new HashMap<String, Long>();
        for (String line : text.lines().toList()) {
            // "   1:     12345     678901  java.lang.String (java.base@25)"
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 4 && cols[0].endsWith(":")) {
                bytes.merge(cols[3], Long.parseLong(cols[2]), Long::sum);
            }
        }
        return bytes;
    }

    static void printGrowth(String route, Map<String, Long> before, Map<String, Long> after, int sessions) {
        System.out.printf("Heap growth per session on '%s', largest classes:%n", route);
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(Long.getLong("bench.histogram", 40))
                .forEach(e -> System.out.printf("  %8.1f KB  %s%n", e.getValue() / 1024.0 / sessions, e.getKey()));
    }
}
