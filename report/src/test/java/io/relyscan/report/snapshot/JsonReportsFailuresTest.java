package io.relyscan.report.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.waiver.WaiverSet;
import io.relyscan.report.JsonReporter;
import io.relyscan.report.ReportFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link JsonReports#readFailures} streams a report file and keeps its failing findings: it gives the baseline
 * comparison {@link JsonReports#fromJson} gives, and every error of {@link JsonReports#fromJson}, at the same
 * place, in the same order.
 */
class JsonReportsFailuresTest {
    private static final JsonReporter JSON = new JsonReporter();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path file(String json) throws IOException {
        return Files.writeString(tmp.resolve("r.json"), json, StandardCharsets.UTF_8);
    }

    /** Same failures and header as the whole-tree reader, or the same error message; true when it was an error. */
    private boolean assertSameAsTree(String json) throws IOException {
        Path file = file(json);
        ScanReport tree;
        try {
            tree = JsonReports.fromJson(json.getBytes(StandardCharsets.UTF_8), "r.json");
        } catch (InputException expected) {
            assertThatThrownBy(() -> JsonReports.readFailures(file, "r.json")).isInstanceOf(InputException.class)
                    .hasMessage(expected.getMessage());
            return true;
        }
        ScanReport streamed = JsonReports.readFailures(file, "r.json");
        assertThat(streamed.findings()).isEqualTo(tree.findings().stream().filter(WaiverSet::isFailure).toList());
        assertThat(streamed.capturedAt()).isEqualTo(tree.capturedAt());
        assertThat(streamed.catalog()).isEqualTo(tree.catalog());
        assertThat(streamed.toolVersion()).isEqualTo(tree.toolVersion());
        assertThat(streamed.scopes()).isEqualTo(tree.scopes());
        assertThat(streamed.rules()).isEqualTo(tree.rules());
        assertThat(streamed.coverage()).isEqualTo(tree.coverage());
        assertThat(streamed.baseline()).isNull();
        for (ScanReport current : List.of(ReportFixtures.report(), ReportFixtures.cleanReport())) {
            assertThat(BaselineComparison.of("b.json", streamed, current))
                    .isEqualTo(BaselineComparison.of("b.json", tree, current));
        }
        return false;
    }

    private static String text(ScanReport report) {
        return new String(JSON.render(report), StandardCharsets.UTF_8);
    }

    @Test
    void goldenAndFixtureReports_compareAsWhenReadWhole() throws IOException {
        String golden = Files.readString(Path.of("src/test/resources/golden/report.json"));
        assertSameAsTree(golden);
        assertSameAsTree(text(ReportFixtures.report()));
        assertSameAsTree(text(ReportFixtures.cleanReport()));
        ScanReport fixture = ReportFixtures.report();
        assertThat(fixture.findings()).extracting(Finding::outcome)
                .contains(Outcome.PASS, Outcome.FAIL, Outcome.SUPPRESSED, Outcome.ERROR);
        ScanReport streamed = JsonReports.readFailures(file(text(fixture)), "r.json");
        assertThat(streamed.findings()).isNotEmpty().allMatch(WaiverSet::isFailure)
                .anyMatch(f -> f.outcome() == Outcome.SUPPRESSED);
    }

    @SuppressWarnings("unchecked")
    private static String reordered(String json, List<String> first) throws IOException {
        Map<String, Object> doc = MAPPER.readValue(json, LinkedHashMap.class);
        Map<String, Object> out = new LinkedHashMap<>();
        first.forEach(k -> out.put(k, doc.get(k)));
        doc.forEach(out::putIfAbsent);
        return MAPPER.writeValueAsString(out);
    }

    @Test
    void fieldsInAnotherOrder_readTheSame() throws IOException {
        String json = text(ReportFixtures.report());
        assertSameAsTree(reordered(json, List.of("findings")));
        assertSameAsTree(reordered(json, List.of("baseline", "waivers", "coverage", "rules", "scopes", "catalog",
                "tool", "capturedAt", "schemaVersion", "kind")));
        // A bad schema version is reported before any finding problem, whatever the order.
        String broken = json.replaceFirst("\"schemaVersion\": 1", "\"schemaVersion\": 99")
                .replaceFirst("\"outcome\": \"FAIL\"", "\"outcome\": \"BAD\"");
        assertSameAsTree(broken);
        assertSameAsTree(reordered(broken, List.of("findings")));
        assertThatThrownBy(() -> JsonReports.readFailures(file(reordered(broken, List.of("findings"))), "r.json"))
                .hasMessageContaining("unsupported report schema version the number 99");
    }

    @Test
    void everyErrorOfTheWholeTreeReader_comesOutTheSame() throws IOException {
        String json = text(ReportFixtures.report());
        List<String> broken = new ArrayList<>(List.of(
                "", "\n", "[]", "not json", "{\"kind\": \"relyscan-report\"}",
                new String(InventorySnapshots.toJson(ReportFixtures.inventory()), StandardCharsets.UTF_8),
                json.replaceFirst("\"schemaVersion\": 1", "\"schemaVersion\": 2"),
                json.replaceFirst("\"kind\": \"relyscan-report\"", "\"kind\": 7"),
                json.replaceFirst("(?s)\"catalog\": \\{.*?\\},\n", ""),
                json.replaceFirst("\"capturedAt\": \"", "\"capturedAt\": \"x"),
                json.replaceFirst("\"outcome\": \"FAIL\"", "\"outcome\": \"BAD\""),
                json.replaceFirst("\"outcome\": \"PASS\"", "\"outcome\": 3"),
                json.replaceFirst("\"findings\": \\[\n    \\{", "\"findings\": [\n    7, {"),
                json.replaceFirst("\"findings\": \\[", "\"findings\": {\"a\": ["),
                json.replaceFirst("\"arn\": \"", "\"arn\": null, \"x\": \""),
                json.replaceFirst("\"ruleId\": \"", "\"ruleId\": \"a\", \"ruleId\": \""),
                json.replaceFirst("\"expires\": \"2027-01-31\",\n      \"source\"",
                        "\"expires\": \"31/01/2027\",\n      \"source\""),
                json.replaceFirst("\"suppressed\": 1", "\"suppressed\": -1"),
                json.replaceFirst("\"baseline\": \"NEW\"", "\"baseline\": \"RESOLVED\""),
                json.replaceFirst("\"now\": \"PASS\"", "\"now\": \"FAIL\""),
                // A finding problem, then malformed JSON after the findings: the syntax error wins, as it does
                // when the whole document is parsed first.
                json.replaceFirst("\"outcome\": \"FAIL\"", "\"outcome\": \"BAD\"")
                        .replaceFirst("\"coverage\": \\[", "\"coverage\": [,"),
                // A status problem in the findings and a coverage problem: coverage is read first.
                json.replaceFirst("\"baseline\": \"NEW\"", "\"baseline\": \"RESOLVED\"")
                        .replaceFirst("\"coverage\": \\[", "\"coverage\": [7, "),
                json.replaceFirst("\"kind\": \"relyscan-report\",\n", ""),
                json.replaceFirst("\"kind\": \"relyscan-report\"", "\"kind\": \"relyscan-inventory\"")
                        .replaceFirst("\"outcome\": \"FAIL\"", "\"outcome\": \"BAD\""),
                reordered(json.replaceFirst("\"kind\": \"relyscan-report\"", "\"kind\": \"x\"")
                        .replaceFirst("\"outcome\": \"FAIL\"", "\"outcome\": \"BAD\""), List.of("findings")),
                json + "{}"));
        for (int i = 0; i < broken.size(); i++) {
            assertThat(broken.get(i)).as("case %d", i).isNotEqualTo(json);
            assertThat(assertSameAsTree(broken.get(i))).as("an error for case %d", i).isTrue();
        }
        InputException e = catchThrowableOfType(() -> JsonReports.readFailures(file(broken.get(10)), "r.json"),
                InputException.class);
        assertThat(e).hasMessageMatching("(?s)r\\.json:\\d+:\\d+: findings\\[\\d+]\\.outcome: expected one of .*");
    }

    /** A big report, streamed to a file: only its failures are kept. */
    @Test
    void aLargeReport_keepsOnlyItsFailures() throws IOException {
        ScanReport fixture = ReportFixtures.report();
        List<Finding> findings = new ArrayList<>();
        Outcome[] outcomes = {Outcome.PASS, Outcome.FAIL, Outcome.PASS, Outcome.NOT_APPLICABLE, Outcome.ERROR};
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            Finding base = fixture.findings().get(i % fixture.findings().size());
            String arn = base.resourceArn() + "-" + i;
            findings.add(new Finding(null, base.ruleId(), arn, base.resourceType(), base.resourceName(),
                    base.account(), base.region(), outcomes[i % outcomes.length], base.severity(), base.message(),
                    Map.of("i", (long) i), base.parameters()));
        }
        ScanReport big = new ScanReport(fixture.toolVersion(), fixture.capturedAt(), fixture.scopes(),
                fixture.rules(), findings, fixture.coverage(), fixture.telemetry(), null, fixture.catalog());
        Path file = tmp.resolve("big.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            JSON.write(big, out);
        }
        ScanReport read = JsonReports.readFailures(file, file.toString());
        assertThat(read.findings()).hasSize(n / outcomes.length).allMatch(f -> f.outcome() == Outcome.FAIL);
        // Compared as one boolean: a failure message listing 60,000 findings helps no one.
        assertThat(read.findings().equals(big.findings().stream().filter(WaiverSet::isFailure).toList()))
                .as("the failures read equal the failures written").isTrue();
        assertThat(read.catalog()).isEqualTo(big.catalog());
    }
}
