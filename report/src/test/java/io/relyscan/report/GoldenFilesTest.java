package io.relyscan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.relyscan.core.rule.Severity;
import io.relyscan.report.snapshot.InventorySnapshots;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every reporter against its golden file, built from {@link ReportFixtures}. */
class GoldenFilesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void jsonReport_matchesGolden() {
        Golden.assertMatches("report.json", new JsonReporter().render(ReportFixtures.report()));
    }

    @Test
    void plainConsoleReport_matchesGolden() {
        Golden.assertMatches("console.txt", new ConsoleReporter(ConsoleStyle.plain()).render(ReportFixtures.report()));
    }

    @Test
    void colourConsoleReport_matchesGolden() {
        Golden.assertMatches("console-color.txt",
                new ConsoleReporter(new ConsoleStyle(true, 100, Severity.HIGH)).render(ReportFixtures.report()));
    }

    @Test
    void csvReport_matchesGolden() {
        Golden.assertMatches("findings.csv", new CsvReporter().render(ReportFixtures.report()));
    }

    @Test
    void junitReport_matchesGolden() {
        Golden.assertMatches("junit.xml", new JunitReporter().render(ReportFixtures.report()));
    }

    @Test
    void markdownReport_matchesGolden() {
        Golden.assertMatches("summary.md", new MarkdownReporter().render(ReportFixtures.report()));
        Golden.assertMatches("summary-framework.md", new MarkdownReporter().render(FrameworkFixtures.report()));
    }

    @Test
    void ocsfReport_matchesGolden() {
        Golden.assertMatches("ocsf.jsonl", new OcsfReporter().render(ReportFixtures.report()));
    }

    @Test
    void htmlReport_matchesGolden() {
        Golden.assertMatches("report.html", new HtmlReporter().render(ReportFixtures.report()));
        Golden.assertMatches("report-framework.html", new HtmlReporter().render(FrameworkFixtures.report()));
    }

    @Test
    void frameworkJsonReport_matchesGolden() {
        Golden.assertMatches("report-framework.json", new JsonReporter().render(FrameworkFixtures.report()));
    }

    @Test
    void frameworkConsoleReport_matchesGolden() {
        Golden.assertMatches("console-framework.txt",
                new ConsoleReporter(ConsoleStyle.plain()).render(FrameworkFixtures.report()));
        Golden.assertMatches("console-framework-color.txt",
                new ConsoleReporter(new ConsoleStyle(true, 100, Severity.HIGH)).render(FrameworkFixtures.report()));
    }

    @Test
    void inventorySnapshot_matchesGolden() {
        Golden.assertMatches("inventory.json", InventorySnapshots.toJson(ReportFixtures.inventory()));
    }

    @Test
    void goldenInventorySnapshot_readsBackToTheFixture() {
        inventorySnapshot_matchesGolden(); // so that it also holds right after -Drelyscan.updateGolden=true
        assertThat(InventorySnapshots.fromJson(Golden.read("inventory.json"), "inventory.json"))
                .isEqualTo(ReportFixtures.inventory());
    }

    @Test
    void goldenJsonReport_isValidAgainstTheSchema() throws IOException {
        JsonNode report = MAPPER.readTree(new JsonReporter().render(ReportFixtures.report()));
        assertThat(validate("relyscan-report-v1.schema.json", report)).isEmpty();
        assertThat(validate("relyscan-report-v1.schema.json",
                MAPPER.readTree(new JsonReporter().render(ReportFixtures.cleanReport())))).isEmpty();
        assertThat(validate("relyscan-report-v1.schema.json",
                MAPPER.readTree(new JsonReporter().render(FrameworkFixtures.report())))).isEmpty();
    }

    @Test
    void reportSchema_rejectsAReportMissingARequiredField() throws IOException {
        ObjectNode report = (ObjectNode) MAPPER.readTree(new JsonReporter().render(ReportFixtures.report()));
        ((ObjectNode) report.withArray("findings").get(0)).remove("outcome");
        report.put("schemaVersion", 2);
        assertThat(validate("relyscan-report-v1.schema.json", report))
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("outcome"))
                .anySatisfy(m -> assertThat(m).contains("schemaVersion"));
    }

    @Test
    void reportSchema_validatesWaiversAndBaseline_andRejectsBadValues() throws IOException {
        assertThat(validate("relyscan-report-v1.schema.json", MAPPER.readTree(new JsonReporter().render(
                ReportFormatsTestSupport.hostileWaiverReport())))).isEmpty();
        ObjectNode report = (ObjectNode) MAPPER.readTree(new JsonReporter().render(ReportFixtures.report()));
        ObjectNode failing = (ObjectNode) report.withArray("findings").get(0);
        assertThat(failing.get("baseline").asText()).isEqualTo("NEW");
        failing.put("baseline", "RESOLVED");
        ObjectNode waiver = (ObjectNode) report.withArray("waivers").get(0);
        waiver.put("expires", "31/01/2027");
        waiver.put("suppressed", -1);
        waiver.put("resourcePattern", "db-*");
        ObjectNode baseline = (ObjectNode) report.get("baseline");
        ((ObjectNode) baseline.withArray("resolved").get(0)).put("now", "FAIL");
        baseline.put("capturedAt", "last week");
        assertThat(validate("relyscan-report-v1.schema.json", report))
                .extracting(ValidationMessage::getInstanceLocation).extracting(Object::toString)
                .contains("$.findings[0].baseline", "$.waivers[0].expires", "$.waivers[0].suppressed",
                        "$.waivers[0].resourcePattern", "$.baseline.resolved[0].now", "$.baseline.capturedAt");
        // Reports written before waivers and baselines existed are still valid version-1 reports.
        report = (ObjectNode) MAPPER.readTree(new JsonReporter().render(ReportFixtures.report()));
        report.remove("waivers");
        report.remove("baseline");
        report.withArray("findings").forEach(f -> ((ObjectNode) f).remove(List.of("baseline", "waiver")));
        assertThat(validate("relyscan-report-v1.schema.json", report)).isEmpty();
    }

    @Test
    void goldenInventorySnapshot_isValidAgainstTheSchema() throws IOException {
        JsonNode inventory = MAPPER.readTree(InventorySnapshots.toJson(ReportFixtures.inventory()));
        assertThat(validate("relyscan-inventory-v1.schema.json", inventory)).isEmpty();
    }

    /** The schemas live in docs/schema at the repository root, next to the prose that explains them. */
    static Set<ValidationMessage> validate(String schemaName, JsonNode document) throws IOException {
        Path schemaFile = Golden.moduleDir().resolveSibling("docs").resolve("schema").resolve(schemaName);
        assertThat(schemaFile).exists();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(MAPPER.readTree(Files.readAllBytes(schemaFile)));
        return schema.validate(document);
    }
}
