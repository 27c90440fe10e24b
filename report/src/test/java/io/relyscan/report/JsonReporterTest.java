package io.relyscan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReporterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void reporter_namesItsFormatAndFile() {
        assertThat(new JsonReporter().format()).isEqualTo("json");
        assertThat(new JsonReporter().defaultFileName()).isEqualTo("relyscan-report.json");
    }

    @Test
    void render_isDeterministic_forEqualReportsBuiltSeparately() {
        assertThat(new JsonReporter().render(ReportFixtures.report()))
                .isEqualTo(new JsonReporter().render(ReportFixtures.report()));
    }

    @Test
    void render_hasTheDocumentedTopLevelShapeInOrder() throws Exception {
        JsonNode root = parse(ReportFixtures.report());
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("schemaVersion", "kind", "tool", "catalog", "capturedAt", "complete", "scopes",
                "summary", "rules", "findings", "coverage", "telemetry", "framework", "waivers", "baseline");
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("kind").asText()).isEqualTo("relyscan-report");
        assertThat(root.get("tool").toString()).isEqualTo("{\"name\":\"relyscan\",\"version\":\"0.1.0-test\"}");
        assertThat(root.get("catalog").get("toolVersion").asText()).isEqualTo("0.1.0-test");
        assertThat(root.get("catalog").get("digest").asText()).matches("[0-9a-f]{64}");
        assertThat(root.get("capturedAt").asText()).isEqualTo("2026-11-28T12:00:00Z");
        assertThat(root.get("complete").asBoolean()).isFalse();
        assertThat(root.get("summary").toString()).isEqualTo("{\"byOutcome\":{\"PASS\":6,\"FAIL\":8,"
                + "\"NOT_APPLICABLE\":1,\"ERROR\":2,\"SUPPRESSED\":1},\"failuresBySeverity\":{\"CRITICAL\":1,"
                + "\"HIGH\":4,\"MEDIUM\":1,\"LOW\":2,\"INFO\":0}}");
        JsonNode finding = root.get("findings").get(0);
        List<String> findingKeys = new ArrayList<>();
        finding.fieldNames().forEachRemaining(findingKeys::add);
        assertThat(findingKeys).containsExactly("id", "ruleId", "outcome", "severity", "resource", "message",
                "evidence", "parameters", "baseline", "waiver");
        assertThat(parse(ReportFixtures.cleanReport()).get("complete").asBoolean()).isTrue();
    }

    @Test
    void render_usesTwoSpaceIndentLfAndATrailingNewline() {
        String json = new String(new JsonReporter().render(ReportFixtures.report()), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\n  \"schemaVersion\": 1,\n  \"kind\": \"relyscan-report\",\n")
                .endsWith("\n}\n").doesNotContain("\r").doesNotContain("\t").contains("\"parameters\": [],");
    }

    @Test
    void evidence_keepsJsonTypes_andSortsKeys() throws Exception {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("zInt", 7);
        evidence.put("long", 5_000_000_000L);
        evidence.put("big", new BigInteger("123456789012345678901234567890"));
        evidence.put("decimal", 0.25);
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
        JsonNode e = parse(reportWithEvidence(evidence)).get("findings").get(0).get("evidence");
        List<String> keys = new ArrayList<>();
        e.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSorted();
        assertThat(e.get("zInt").isInt()).isTrue();
        assertThat(e.get("long").isLong()).isTrue();
        assertThat(e.get("big").bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(e.get("decimal").isDouble()).isTrue();
        assertThat(e.get("decimal").asDouble()).isEqualTo(0.25);
        assertThat(new String(new JsonReporter().render(reportWithEvidence(evidence)), StandardCharsets.UTF_8))
                .contains("\"bigDecimal\": 1.50,");
        assertThat(e.get("nan").asText()).isEqualTo("NaN");
        assertThat(e.get("bool").isBoolean()).isTrue();
        assertThat(e.get("nothing").isNull()).isTrue();
        assertThat(e.get("list").toString()).isEqualTo("[\"b\",\"a\"]");
        assertThat(e.get("set").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(e.get("nested").toString()).isEqualTo("{\"x\":[{\"k\":\"v\"}],\"y\":1}");
        assertThat(e.get("outcome").asText()).isEqualTo("FAIL");
        assertThat(e.get("when").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(e.get("maybe").isNull()).isTrue();
    }

    @Test
    void untrustedStrings_areEscapedInertButReadBackExactly() throws Exception {
        String hostile = ReportFixtures.HOSTILE_DB + "\u2028\u202e\u0085\u007f\ud83d\ude80";
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put(hostile, hostile);
        byte[] bytes = new JsonReporter().render(reportWithEvidence(evidence));
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u2028")
                .doesNotContain("\u202e").doesNotContain("\u0085").doesNotContain("\u007f").doesNotContain("\r")
                .contains("\\u001B[31m-db\\r\\n[PASS] all clear\\u0007\\u2028\\u202E\\u0085\\u007F\ud83d\ude80");
        JsonNode e = MAPPER.readTree(bytes).get("findings").get(0).get("evidence");
        assertThat(e.get(hostile).asText()).isEqualTo(hostile);
    }

    @Test
    void unpairedSurrogates_becomeReplacementCharacters() throws Exception {
        byte[] bytes = new JsonReporter().render(reportWithEvidence(Map.of("k", "a\ud800b")));
        assertThat(MAPPER.readTree(bytes).get("findings").get(0).get("evidence").get("k").asText())
                .isEqualTo("a\uFFFDb");
    }

    @Test
    void rulesAndCoverage_areComplete() throws Exception {
        JsonNode root = parse(ReportFixtures.report());
        JsonNode retention = root.get("rules").get(4);
        assertThat(retention.get("id").asText()).isEqualTo("rds-backup-retention");
        assertThat(retention.get("parameters").toString()).isEqualTo("[{\"name\":\"minRetentionDays\","
                + "\"type\":\"INTEGER\",\"default\":\"7\",\"minimum\":1,\"maximum\":null,"
                + "\"description\":\"Fewest days of automated backups to keep.\"}]");
        assertThat(root.get("rules").get(1).get("inputs").toString()).isEqualTo("[\"autoscaling\",\"ec2\"]");
        // Three scopes, every service in each (the fixture marks them all COMPLETE unless told otherwise).
        assertThat(root.get("coverage")).hasSize(3 * AwsService.values().length);
        assertThat(root.get("telemetry").get(2).toString()).isEqualTo("{\"account\":\"444455556666\","
                + "\"region\":\"us-east-1\",\"service\":\"backup\",\"calls\":1,\"attempts\":3,\"retries\":2,"
                + "\"throttles\":0,\"errorsByKind\":{\"ACCESS_DENIED\":1,\"SERVICE_ERROR\":2},"
                + "\"breakerTransitions\":[\"CLOSED_TO_OPEN\"],\"millis\":96}");
    }

    private static ScanReport reportWithEvidence(Map<String, Object> evidence) {
        Inventory inv = InventoryFixture.create().dbInstance("db", d -> d).build();
        DbInstance db = inv.all(DbInstance.class).get(0);
        Finding f = new Finding(null, "rds-instance-multi-az", db.arn(), db.typeName(), db.displayName(),
                db.account(), db.region(), Outcome.FAIL, Severity.HIGH, "m", evidence, Map.of());
        return ScanReport.of("1", inv, List.of(ReportFixtures.RDS_MULTI_AZ), List.of(f));
    }

    @Test
    void waiversAndBaseline_areOnTheFindings_andAtTheTopLevel() throws Exception {
        JsonNode root = parse(ReportFixtures.report());
        List<String> waiverKeys = new ArrayList<>();
        root.get("waivers").get(0).fieldNames().forEachRemaining(waiverKeys::add);
        assertThat(waiverKeys).containsExactly("id", "ruleId", "resourcePattern", "account", "region", "reason",
                "owner", "expires", "source", "expired", "suppressed", "matchedWhileExpired", "unused");
        assertThat(root.get("waivers")).extracting(w -> w.get("source").asText() + " " + w.get("suppressed").asLong()
                + "/" + w.get("matchedWhileExpired").asLong() + " expired=" + w.get("expired").asBoolean() + " unused="
                + w.get("unused").asBoolean()).containsExactly("waivers.yaml:2 1/0 expired=false unused=false",
                "waivers.yaml:10 0/1 expired=true unused=false", "waivers.yaml:16 0/0 expired=false unused=true");
        JsonNode baseline = root.get("baseline");
        assertThat(baseline.get("counts").toString())
                .isEqualTo("{\"new\":7,\"persisting\":2,\"resolved\":2,\"notRechecked\":1}");
        assertThat(baseline.get("resolved").get(1).get("now").isNull()).isTrue();
        assertThat(baseline.get("resolved").get(1).get("previous").has("baseline")).isFalse();
        long marked = 0;
        for (JsonNode f : root.get("findings")) {
            String outcome = f.get("outcome").asText();
            boolean failing = outcome.equals("FAIL") || outcome.equals("SUPPRESSED");
            assertThat(f.get("baseline").isNull()).as(f.get("id").asText()).isEqualTo(!failing);
            marked += failing ? 1 : 0;
            if (outcome.equals("SUPPRESSED")) {
                assertThat(f.get("waiver").toString()).isEqualTo("{\"id\":\"WAIVER-12\",\"source\":\"waivers.yaml:2\","
                        + "\"reason\":\"Reporting replica, rebuilt nightly from orders-db; it is never restored.\","
                        + "\"owner\":\"data-platform@example.com\",\"expires\":\"2027-01-31\",\"expired\":false}");
            }
        }
        assertThat(marked).isEqualTo(9);
        // Without waivers or baseline the fields are there, empty.
        JsonNode clean = parse(ReportFixtures.cleanReport());
        assertThat(clean.get("waivers").isEmpty()).isTrue();
        assertThat(clean.get("baseline").isNull()).isTrue();
        assertThat(clean.get("findings").get(0).get("waiver").isNull()).isTrue();
    }

    @Test
    void hostileWaiverText_isWrittenExactly_withTerminalControlsEscaped() throws Exception {
        ScanReport report = ReportFormatsTestSupport.hostileWaiverReport();
        String json = new String(new JsonReporter().render(report), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\u001b").contains("\"owner\": \"\\u001B[31mops\\u001B[0m <team@example.com>\"");
        JsonNode waiver = new ObjectMapper().readTree(json).get("waivers").get(0);
        assertThat(waiver.get("id").asText()).isEqualTo(report.waivers().get(0).waiver().id());
        assertThat(waiver.get("reason").asText()).isEqualTo(report.waivers().get(0).waiver().reason());
        assertThat(waiver.get("owner").asText()).isEqualTo(report.waivers().get(0).waiver().owner());
    }

    @Test
    void write_streamsTheBytesRenderGives_inBufferSizedChunks_flushesAndLeavesTheStreamOpen() throws Exception {
        // Written as it goes (the generator's buffer at a time), never as one whole-report array.
        StreamingTestSupport.assertStreams(new JsonReporter(), ReportFixtures.report(), "report.json", 16 * 1024);
    }

    private static JsonNode parse(ScanReport report) throws Exception {
        return MAPPER.readTree(new JsonReporter().render(report));
    }
}
