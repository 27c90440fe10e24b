package io.relyscan.bench.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.cli.Relyscan;
import io.relyscan.collectors.OperationLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code relyscan scan} of the estate through the proxy, run the way a user runs it (the CLI in-process), and
 * what it cost: wall time, the requests the proxy saw and the operations the session's own log says it sent.
 *
 * @param concurrency      --concurrency
 * @param maxInFlight      --max-in-flight, or 0 when not passed (the default,
 *                         {@link CollectionReport#DEFAULT_IN_FLIGHT})
 * @param exitCode         the CLI's exit code
 * @param wallMillis       the whole command, from argument parsing to the report written
 * @param calls            every request the proxy saw, in arrival order
 * @param operationLogSent attempts the session's operation log ({@link OperationLog#PROPERTY}) recorded
 * @param proxyInFlight    most requests inside the proxy at once
 * @param errorFindings    findings with outcome ERROR
 * @param incomplete       coverage entries not COMPLETE, as "account/region/service STATUS gaps", and the
 *                         first ERROR findings
 * @param output           the CLI's stdout and stderr, for a failure message
 */
record ScanRun(int concurrency, int maxInFlight, int exitCode, long wallMillis, List<LatencyProxy.Call> calls,
               long operationLogSent, int proxyInFlight, int errorFindings, List<String> incomplete, String output) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ScanRun run(LatencyProxy proxy, EstateShape shape, int concurrency, int maxInFlight, Path work) {
        try {
            Path out = Files.createTempDirectory(work, "scan-c" + concurrency + "-");
            Path operationLog = out.resolve("operations.tsv");
            List<String> args = new ArrayList<>(List.of("scan", "--endpoint-url", proxy.endpoint().toString(),
                    "--accounts", String.join(",", shape.accountIds()), "--role-name", EstateShape.ROLE,
                    "--concurrency", Integer.toString(concurrency), "--output-dir", out.toString(),
                    "--format", "json", "--deadline", "30m"));
            shape.regions().forEach(r -> args.addAll(List.of("--region", r)));
            if (maxInFlight > 0) {
                args.addAll(List.of("--max-in-flight", Integer.toString(maxInFlight)));
            }
            String previous = System.getProperty(OperationLog.PROPERTY);
            System.setProperty(OperationLog.PROPERTY, operationLog.toString());
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            proxy.reset();
            long start = System.nanoTime();
            int code;
            try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
                code = Relyscan.run(o, e, Map.of(), args.toArray(String[]::new));
            } finally {
                if (previous == null) {
                    System.clearProperty(OperationLog.PROPERTY);
                } else {
                    System.setProperty(OperationLog.PROPERTY, previous);
                }
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            List<LatencyProxy.Call> calls = proxy.calls();
            long logged = Files.exists(operationLog) ? Files.readAllLines(operationLog).stream()
                    .filter(l -> !l.isBlank()).mapToLong(l -> OperationLog.parse(l).attempts()).sum() : -1;
            String output = "relyscan " + String.join(" ", args) + "\n-- exit " + code + "\n-- stdout:\n"
                    + stdout.toString(StandardCharsets.UTF_8) + "\n-- stderr:\n"
                    + stderr.toString(StandardCharsets.UTF_8);
            Path report = out.resolve("relyscan-report.json");
            int errors = 0;
            List<String> incomplete = new ArrayList<>();
            if (Files.exists(report)) {
                JsonNode root = JSON.readTree(report.toFile());
                for (JsonNode f : root.path("findings")) {
                    if (f.path("outcome").asText().equals("ERROR")) {
                        errors++;
                        if (errors <= 5) {
                            incomplete.add("ERROR " + f.path("ruleId").asText() + " "
                                    + f.path("resource").path("arn").asText() + ": " + f.path("message").asText());
                        }
                    }
                }
                for (JsonNode c : root.path("coverage")) {
                    if (!c.path("status").asText().equals("COMPLETE")) {
                        incomplete.add(c.path("account").asText() + "/" + c.path("region").asText() + "/"
                                + c.path("service").asText() + " " + c.path("status").asText() + " "
                                + c.path("gaps"));
                    }
                }
            } else {
                incomplete.add("no report written");
            }
            return new ScanRun(concurrency, maxInFlight, code, wall, calls, logged, proxy.maxInFlight(), errors,
                    incomplete, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds from the first request's arrival to the last one's. */
    long collectionMillis() {
        if (calls.isEmpty()) {
            return 0;
        }
        long first = calls.stream().mapToLong(LatencyProxy.Call::arrivedNanos).min().orElse(0);
        long last = calls.stream().mapToLong(LatencyProxy.Call::arrivedNanos).max().orElse(0);
        return (last - first) / 1_000_000;
    }

    /** Median time moto took per forwarded request, in ms. */
    double medianUpstreamMillis() {
        long[] forwarded = calls.stream().filter(c -> !c.stubbed()).mapToLong(LatencyProxy.Call::upstreamNanos)
                .sorted().toArray();
        return forwarded.length == 0 ? 0 : forwarded[forwarded.length / 2] / 1e6;
    }

    /** Time moto spent answering, summed over requests, in ms; with one request at a time, moto's busy time. */
    double totalUpstreamMillis() {
        return calls.stream().mapToLong(LatencyProxy.Call::upstreamNanos).sum() / 1e6;
    }

    /** The overall cap on requests in flight this run had. */
    int inFlightCap() {
        return maxInFlight > 0 ? maxInFlight : CollectionReport.DEFAULT_IN_FLIGHT;
    }

    /** "N" for --concurrency N, "N / M" with --max-in-flight M. */
    String label() {
        return concurrency + (maxInFlight > 0 ? " / " + maxInFlight : "");
    }

    boolean complete() {
        return (exitCode == 0 || exitCode == 1) && errorFindings == 0 && incomplete.isEmpty();
    }
}
