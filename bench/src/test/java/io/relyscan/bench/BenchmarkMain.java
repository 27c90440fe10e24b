package io.relyscan.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the evaluation and snapshot benchmark: each size in its own JVM ({@link SizeRun}), started with the
 * given JVM options (default {@code -Xmx2g}), so every size gets a fresh heap bounded like the target's. A size
 * that needs more heap dies with an OutOfMemoryError ({@code -XX:+ExitOnOutOfMemoryError}), and this program
 * then reports it and exits with status 1. Writes the tables ({@link BenchmarkTables}) to the report file.
 *
 * <pre>java -cp TEST_CLASSPATH io.relyscan.bench.BenchmarkMain SIZES REPORT_FILE [JVM_OPTIONS] [SNAPSHOT_DIR]</pre>
 */
public final class BenchmarkMain {
    static final String DEFAULT_JVM = "-Xmx2g -XX:+UseParallelGC -Xmn500m";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int[] sizes = Arrays.stream(args[0].split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        Path report = Path.of(args[1]);
        String jvm = args.length > 2 && !args[2].isBlank() ? args[2] : DEFAULT_JVM;
        Path snapshots = Path.of(args.length > 3 ? args[3] : "target/benchmark-snapshots");
        List<Map<String, String>> results = new ArrayList<>();
        for (int size : sizes) {
            System.out.printf("== %,d resources, JVM %s%n", size, jvm);
            Map<String, String> one = fork(size, jvm, snapshots);
            if (one == null) {
                System.err.printf("FAILED: the %,d-resource run did not complete within %s (see above: an "
                        + "OutOfMemoryError means it needs more heap than the target allows)%n", size, jvm);
                System.exit(1);
            }
            results.add(one);
        }
        String tables = BenchmarkTables.render(results);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, tables, StandardCharsets.UTF_8);
        System.out.println(tables);
    }

    /** The results of one size, or null when its JVM failed. */
    private static Map<String, String> fork(int size, String jvm, Path snapshots)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvm.trim().split("\\s+")));
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SizeRun.class.getName());
        command.add(String.valueOf(size));
        command.add(String.valueOf(size >= 1_000_000 ? 3 : 5));
        command.add("true");
        command.add(snapshots.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> results = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(SizeRun.PREFIX)) {
                    String kv = line.substring(SizeRun.PREFIX.length());
                    int eq = kv.indexOf('=');
                    results.put(kv.substring(0, eq), kv.substring(eq + 1));
                    if (kv.startsWith("rule.")) {
                        continue;
                    }
                }
                System.out.println(line);
            }
        }
        int status = process.waitFor();
        return status == 0 ? results : null;
    }
}
