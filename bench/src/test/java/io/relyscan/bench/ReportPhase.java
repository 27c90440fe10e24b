package io.relyscan.bench;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.ArnPattern;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverSet;
import io.relyscan.report.CsvReporter;
import io.relyscan.report.HtmlReporter;
import io.relyscan.report.JsonReporter;
import io.relyscan.report.JunitReporter;
import io.relyscan.report.MarkdownReporter;
import io.relyscan.report.OcsfReporter;
import io.relyscan.report.Reporter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The report phase of one {@link SizeRun}: what a scan does after evaluation. Applies a waivers file (five waivers
 * per rule, ARN patterns with wildcards that each match about a tenth of the resources), compares the report with
 * a baseline (itself: every failure persisting), then writes every file format to disk as the CLI does, one
 * after another, each with its time, size and peak heap after GC. Figures are reported through {@code put}.
 */
final class ReportPhase {
    static final List<String> FORMATS = List.of("json", "csv", "junit", "markdown", "ocsf", "html");
    private static final int WAIVERS_PER_RULE = 5;

    private ReportPhase() {
    }

    static void run(Inventory inventory, List<Rule> rules, List<Finding> findings, Path dir, HeapProbe heap,
                    BiConsumer<String, Object> put) throws IOException {
        List<RuleMetadata> metadata = rules.stream().map(Rule::metadata).toList();
        ScanReport evaluated = ScanReport.of("bench", inventory, metadata, findings);

        WaiverSet waivers = waivers(metadata);
        long start = System.nanoTime();
        ScanReport waived = waivers.apply(evaluated);
        put.accept("waiversMillis", (System.nanoTime() - start) / 1_000_000);
        put.accept("waivers", waivers.waivers().size());
        put.accept("suppressed", waived.waivers().stream().mapToLong(s -> s.suppressed()).sum());

        start = System.nanoTime();
        ScanReport report = waived.withBaseline(BaselineComparison.of("baseline.json", waived, waived));
        put.accept("baselineMillis", (System.nanoTime() - start) / 1_000_000);

        Files.createDirectories(dir);
        for (Reporter reporter : List.of(new JsonReporter(), new CsvReporter(), new JunitReporter(),
                new MarkdownReporter(), new OcsfReporter(), new HtmlReporter())) {
            Path file = dir.resolve(reporter.defaultFileName());
            System.gc();
            heap.start();
            start = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                reporter.write(report, out);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            HeapProbe.Usage usage = heap.stop();
            put.accept("report." + reporter.format(), millis + "," + Files.size(file) + ","
                    + usage.peakLiveBytes() + "," + usage.liveAtStartBytes());
            Files.delete(file);
        }
    }

    /** Five waivers per rule, e.g. {@code arn:*:*:*:*:*3} and {@code arn:aws:*:*:*:*-1?}, reasons and owners. */
    static WaiverSet waivers(List<RuleMetadata> rules) {
        List<Waiver> out = new ArrayList<>();
        int line = 1;
        for (RuleMetadata rule : rules) {
            for (int i = 0; i < WAIVERS_PER_RULE; i++) {
                String pattern = i % 2 == 0 ? "arn:*:*:*:*:*" + i : "arn:aws:*:*:*:*-" + i + "?";
                out.add(new Waiver("BENCH-" + line, rule.id(), ArnPattern.of(pattern), null, null,
                        "Accepted for the benchmark: the synthetic estate has no owner to fix it.",
                        "bench@example.com", null, "bench-waivers.yaml:" + line));
                line += 8;
            }
        }
        return new WaiverSet(out);
    }
}
