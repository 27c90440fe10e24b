package io.relyscan.report.snapshot;

import io.relyscan.core.engine.CatalogVersion;
import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import io.relyscan.report.FrameworkFixtures;
import io.relyscan.report.JsonReporter;
import io.relyscan.report.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReportsTest {
    private static final JsonReporter JSON = new JsonReporter();

    /** render(read(render(r))) == render(r). */
    private static void assertRoundTrip(ScanReport report) {
        byte[] rendered = JSON.render(report);
        ScanReport read = JsonReports.fromJson(rendered, "r.json");
        assertThat(new String(JSON.render(read), StandardCharsets.UTF_8))
                .isEqualTo(new String(rendered, StandardCharsets.UTF_8));
        assertThat(read.catalog()).isEqualTo(report.catalog());
        assertThat(read.findings()).extracting(Finding::id).containsExactlyElementsOf(
                report.findings().stream().map(Finding::id).toList());
        assertThat(read.coverage()).isEqualTo(report.coverage());
        assertThat(read.telemetry()).isEqualTo(report.telemetry());
        assertThat(read.rules()).isEqualTo(report.rules());
        assertThat(read.scopes()).isEqualTo(report.scopes());
        assertThat(read.complete()).isEqualTo(report.complete());
        assertThat(read.summary()).isEqualTo(report.summary());
        assertThat(read.waivers()).isEqualTo(report.waivers());
        assertThat(read.baseline()).isEqualTo(report.baseline());
        assertThat(read.framework()).isEqualTo(report.framework());
    }

    @Test
    void fixtureReport_hasWaiversAndABaselineToRoundTrip() {
        ScanReport report = ReportFixtures.report();
        assertThat(report.waivers()).hasSize(3);
        assertThat(report.baseline()).isNotNull();
        assertThat(report.baseline().resolved()).extracting(r -> r.now()).containsExactly(Outcome.PASS, null);
        ScanReport read = JsonReports.fromJson(JSON.render(report), "r.json");
        assertThat(read.baseline().statusById()).isEqualTo(report.baseline().statusById()).isNotEmpty();
        assertThat(read.waivers().get(2).waiver().resourcePattern().text()).isEqualTo("*");
    }

    @Test
    void reportWithoutWaiversOrBaseline_readsAsNone() {
        String json = text(ReportFixtures.report())
                .replaceFirst("(?s),\n  \"waivers\": \\[.*\n  \\],\n  \"baseline\": \\{.*\n  }\n}\n$", "\n}\n")
                .replaceAll(",\n      \"baseline\": (null|\"[A-Z]+\"),\n      \"waiver\": (null|\\{[^}]*})", "");
        assertThat(json).doesNotContain("\"waivers\"").doesNotContain("\"baseline\"")
                .doesNotContain("\"waiver\"").endsWith("\"framework\": null\n}\n");
        ScanReport read = JsonReports.fromJson(json.getBytes(StandardCharsets.UTF_8), "old.json");
        assertThat(read.waivers()).isEmpty();
        assertThat(read.baseline()).isNull();
        assertThat(read.findings()).isEqualTo(JsonReports.fromJson(JSON.render(ReportFixtures.report()), "r.json")
                .findings());
    }

    @Test
    void invalidWaiverOrBaselineValues_nameTheField() {
        String json = text(ReportFixtures.report());
        assertThatThrownBy(() -> read(json.replaceFirst("\"expires\": \"2027-01-31\",\n      \"source\"",
                "\"expires\": \"31/01/2027\",\n      \"source\"")))
                .hasMessageMatching("r\\.json:\\d+:\\d+: waivers\\[0]\\.expires: expected a date \\(YYYY-MM-DD\\), "
                        + "got the string \"31/01/2027\"");
        assertThatThrownBy(() -> read(json.replaceFirst("\"resourcePattern\": \"\\*\"",
                "\"resourcePattern\": \"db-\\*\"")))
                .hasMessageMatching("(?s)r\\.json:\\d+:\\d+: waivers\\[2]\\.resourcePattern: invalid: .*arn:.*");
        assertThatThrownBy(() -> read(json.replaceFirst("\"suppressed\": 1", "\"suppressed\": -1")))
                .hasMessageContaining("waivers[0].suppressed: expected a count");
        assertThatThrownBy(() -> read(json.replaceFirst("\"baseline\": \"NEW\"", "\"baseline\": \"RESOLVED\"")))
                .hasMessageMatching("r\\.json:\\d+:\\d+: findings\\[\\d+]\\.baseline: a finding of this scan is NEW "
                        + "or PERSISTING, never RESOLVED");
        assertThatThrownBy(() -> read(json.replaceFirst("\"now\": \"PASS\"", "\"now\": \"FAIL\"")))
                .hasMessageContaining("baseline.resolved[0].now: expected PASS, NOT_APPLICABLE or null (gone), got "
                        + "the string \"FAIL\"");
    }

    private static ScanReport read(String json) {
        return JsonReports.fromJson(json.getBytes(StandardCharsets.UTF_8), "r.json");
    }

    @Test
    void roundTrip_fixtureReports() {
        assertRoundTrip(ReportFixtures.report());
        assertRoundTrip(ReportFixtures.cleanReport());
    }

    @Test
    void roundTrip_frameworkView() {
        ScanReport report = FrameworkFixtures.report();
        assertRoundTrip(report);
        assertThat(JsonReports.fromJson(JSON.render(report), "r.json").framework()).isEqualTo(report.framework());
    }

    @Test
    void roundTrip_configuredCatalogVersion() {
        ScanReport report = ReportFixtures.report();
        EngineSettings settings = EngineSettings.defaults()
                .withParameters(Map.of("rds-backup-retention", Map.of("minRetentionDays", "14")))
                .withTier1(Tier1Selector.anyValueOf("tier"));
        CatalogVersion configured = CatalogVersion.of(report.toolVersion(), report.rules(), settings);
        assertThat(configured).isNotEqualTo(report.catalog());
        assertRoundTrip(report.withCatalog(configured));
    }

    @Test
    void roundTrip_everyKindOfEvidenceValueAndHostileStrings() {
        String hostile = ReportFixtures.HOSTILE_DB + "\u2028\u202e\u0085\u007f\ud83d\ude80";
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("zInt", 7);
        evidence.put("long", 5_000_000_000L);
        evidence.put("big", new BigInteger("123456789012345678901234567890"));
        evidence.put("decimal", 0.25);
        evidence.put("huge", 1.0E10);
        evidence.put("bigDecimal", new BigDecimal("1.50"));
        evidence.put("nan", Double.NaN);
        evidence.put("bool", true);
        evidence.put("nothing", null);
        evidence.put("list", List.of("b", "a"));
        evidence.put("set", new HashSet<>(Set.of("c", "a", "b")));
        evidence.put("nested", Map.of("y", 1, "x", List.of(Map.of("k", "v"))));
        evidence.put("outcome", Outcome.FAIL);
        evidence.put("when", Instant.parse("2026-01-02T03:04:05Z"));
        evidence.put("maybe", Optional.empty());
        evidence.put(hostile, hostile);
        Inventory inv = InventoryFixture.create().dbInstance("db", d -> d).build();
        DbInstance db = inv.all(DbInstance.class).get(0);
        Finding f = new Finding(null, "rds-instance-multi-az", db.arn(), db.typeName(), hostile,
                db.account(), db.region(), Outcome.FAIL, Severity.HIGH, hostile, evidence,
                Map.of("minimumDays", "7"));
        assertRoundTrip(ScanReport.of("1", inv, List.of(ReportFixtures.RDS_MULTI_AZ), List.of(f)));
    }

    @Test
    void inventorySnapshot_isRefusedWithAHint() {
        byte[] snapshot = InventorySnapshots.toJson(ReportFixtures.inventory());
        assertThatThrownBy(() -> JsonReports.fromJson(snapshot, "shard-1.json"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("shard-1.json:")
                .hasMessageContaining("kind: expected \"relyscan-report\"")
                .hasMessageContaining("this is an inventory snapshot, not a scan report");
    }

    @Test
    void reportWithoutCatalog_isRefused() {
        String json = text(ReportFixtures.report()).replaceFirst("(?s)\"catalog\": \\{.*?\\},\n", "");
        assertThat(json).doesNotContain("\"catalog\"");
        assertThatThrownBy(() -> JsonReports.fromJson(json.getBytes(StandardCharsets.UTF_8), "old.json"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("old.json:1:1: catalog: the report has no rule catalog version");
    }

    @Test
    void otherSchemaVersion_isRefused() {
        String json = text(ReportFixtures.report()).replaceFirst("\"schemaVersion\": 1", "\"schemaVersion\": 2");
        assertThatThrownBy(() -> JsonReports.fromJson(json.getBytes(StandardCharsets.UTF_8), "new.json"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("new.json:2:")
                .hasMessageContaining("unsupported report schema version the number 2");
    }

    @Test
    void invalidValue_namesTheFieldPathAndPosition() {
        String json = text(ReportFixtures.report()).replaceFirst("\"outcome\": \"FAIL\"", "\"outcome\": \"BAD\"");
        assertThatThrownBy(() -> JsonReports.fromJson(json.getBytes(StandardCharsets.UTF_8), "r.json"))
                .isInstanceOf(InputException.class)
                .hasMessageMatching("(?s)r\\.json:\\d+:\\d+: findings\\[\\d+]\\.outcome: expected one of \\[PASS, FAIL.*"
                        + "got the string \"BAD\"");
    }

    private static String text(ScanReport report) {
        return new String(JSON.render(report), StandardCharsets.UTF_8);
    }
}
