package io.relyscan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverSet;
import io.relyscan.report.ocsf.OcsfSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OcsfReporterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long CAPTURED_MS = InventoryFixture.CAPTURED_AT.toEpochMilli();

    @Test
    void reporter_namesItsFormatAndFile() {
        assertThat(new OcsfReporter().format()).isEqualTo("ocsf");
        assertThat(new OcsfReporter().defaultFileName()).isEqualTo("relyscan-ocsf.jsonl");
    }

    @Test
    void render_isDeterministic_oneCompactEventPerLine_perFinding_inReportOrder() {
        ScanReport report = ReportFixtures.report();
        byte[] bytes = new OcsfReporter().render(report);
        assertThat(bytes).isEqualTo(new OcsfReporter().render(ReportFixtures.report()));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").doesNotContain("\r").doesNotContain("\n\n");
        List<JsonNode> events = events(bytes);
        assertThat(events).hasSize(report.findings().size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(e.at("/finding_info/uid").asText()).isEqualTo(report.findings().get(i).id());
            assertThat(e.get("time").asLong()).as("the only time is the capture time").isEqualTo(CAPTURED_MS);
            assertThat(e.at("/metadata/version").asText()).isEqualTo("1.1.0");
            assertThat(e.at("/metadata/product/version").asText()).isEqualTo(ReportFixtures.TOOL_VERSION);
            assertThat(e.get("class_uid").asInt()).isEqualTo(2003);
            assertThat(e.get("type_uid").asLong()).isEqualTo(200300L + e.get("activity_id").asInt());
        }
    }

    @Test
    void aReportWithoutFindings_isAnEmptyFile() {
        ScanReport empty = new ScanReport("1", InventoryFixture.CAPTURED_AT, List.of(), List.of(), List.of(),
                InventoryFixture.create().build().coverage(), List.of());
        assertThat(new OcsfReporter().render(empty)).isEmpty();
        StreamingTestSupport.RecordingStream out = new StreamingTestSupport.RecordingStream();
        out.write("already there\n".getBytes(StandardCharsets.UTF_8), 0, 14);
        try {
            new OcsfReporter().write(empty, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(out.bytes.toString(StandardCharsets.UTF_8)).isEqualTo("already there\n");
        assertThat(out.closed).isFalse();
    }

    @Test
    void everyEvent_isValidAgainstTheOcsfSchema() {
        for (ScanReport report : List.of(ReportFixtures.report(), ReportFixtures.cleanReport(),
                FrameworkFixtures.report(), ReportFormatsTestSupport.hostileReport(), outcomesReport())) {
            for (JsonNode event : events(new OcsfReporter().render(report))) {
                assertThat(OcsfSchema.validate(event)).as(event.toString()).isEmpty();
            }
        }
    }

    @Test
    void schema_rejectsAMissingRequiredAttribute_aBadEnumValue_anUnknownAttribute_andAnotherVersion() {
        JsonNode valid = events(new OcsfReporter().render(ReportFixtures.report())).get(0);

        ObjectNode missing = valid.deepCopy();
        ((ObjectNode) missing.get("finding_info")).remove("uid");
        missing.remove("compliance");
        assertThat(messages(missing)).anySatisfy(m -> assertThat(m).contains("compliance"))
                .anySatisfy(m -> assertThat(m).contains("uid"));

        ObjectNode badEnum = valid.deepCopy();
        badEnum.put("severity_id", 7);
        ((ObjectNode) badEnum.get("compliance")).put("status_id", 4);
        assertThat(messages(badEnum)).anySatisfy(m -> assertThat(m).contains("severity_id"))
                .anySatisfy(m -> assertThat(m).contains("compliance.status_id"));

        ObjectNode unknown = valid.deepCopy();
        ((ObjectNode) unknown.get("resource")).put("arn", "arn:aws:rds:us-east-1:1:db:x");
        assertThat(messages(unknown)).anySatisfy(m -> assertThat(m).contains("arn"));

        ObjectNode otherVersion = valid.deepCopy();
        ((ObjectNode) otherVersion.get("metadata")).put("version", "1.0.0");
        ((ObjectNode) otherVersion.get("metadata")).putArray("profiles");
        assertThat(messages(otherVersion)).anySatisfy(m -> assertThat(m).contains("version"))
                .anySatisfy(m -> assertThat(m).contains("profiles"));
    }

    @ParameterizedTest
    @CsvSource({
            // outcome,     compliance status,   finding status,   severity (HIGH rule),  confidence
            "PASS,           1, Pass,            4, Resolved,      1, Informational,      3",
            "FAIL,           3, Fail,            1, New,           4, High,               3",
            "SUPPRESSED,     3, Fail,            3, Suppressed,    4, High,               3",
            "ERROR,          2, Warning,         1, New,           4, High,               0",
            "NOT_APPLICABLE, 99, Not Applicable, 4, Resolved,      1, Informational,      3"})
    void eachOutcome_mapsToComplianceStatus_findingStatus_severityAndConfidence(Outcome outcome,
            int complianceId, String compliance, int statusId, String status, int severityId, String severity,
            int confidenceId) {
        JsonNode e = events(new OcsfReporter().render(outcomesReport())).stream()
                .filter(ev -> ev.at("/unmapped/outcome").asText().equals(outcome.name())).findFirst().orElseThrow();
        assertThat(e.at("/compliance/status_id").asInt()).isEqualTo(complianceId);
        assertThat(e.at("/compliance/status").asText()).isEqualTo(compliance);
        assertThat(e.get("status_id").asInt()).isEqualTo(statusId);
        assertThat(e.get("status").asText()).isEqualTo(status);
        assertThat(e.get("severity_id").asInt()).isEqualTo(severityId);
        assertThat(e.get("severity").asText()).isEqualTo(severity);
        assertThat(e.get("confidence_id").asInt()).isEqualTo(confidenceId);
        assertThat(e.at("/unmapped/severity").asText()).as("relyscan's own severity").isEqualTo("HIGH");
    }

    @ParameterizedTest
    @CsvSource({"CRITICAL, 5, Critical", "HIGH, 4, High", "MEDIUM, 3, Medium", "LOW, 2, Low",
            "INFO, 1, Informational"})
    void eachSeverity_ofAFailure_mapsToTheOcsfSeverity(Severity severity, int id, String caption) {
        assertThat(OcsfMapping.severity(Outcome.FAIL, severity)).isEqualTo(new OcsfMapping.Code(id, caption));
        assertThat(OcsfMapping.severity(Outcome.SUPPRESSED, severity)).isEqualTo(new OcsfMapping.Code(id, caption));
        assertThat(OcsfMapping.severity(Outcome.ERROR, severity)).isEqualTo(new OcsfMapping.Code(id, caption));
        assertThat(OcsfMapping.severity(Outcome.PASS, severity).id()).isEqualTo(1);
    }

    @Test
    void aWaivedFailure_isSuppressed_withTheWaiverReasonOwnerAndExpiryVisible() {
        JsonNode e = eventOf("backup-plan-covers-rds", "reports-db");
        assertThat(e.get("status").asText()).isEqualTo("Suppressed");
        assertThat(e.at("/compliance/status").asText()).as("still not compliant").isEqualTo("Fail");
        String reason = "Reporting replica, rebuilt nightly from orders-db; it is never restored.";
        assertThat(e.get("comment").asText()).isEqualTo(reason);
        assertThat(e.get("status_detail").asText()).contains("WAIVER-12").contains("data-platform@example.com")
                .contains("2027-01-31").contains(reason);
        assertThat(e.at("/unmapped/waiver/owner").asText()).isEqualTo("data-platform@example.com");
        assertThat(e.at("/unmapped/waiver/expired").asBoolean()).isFalse();
        assertThat(e.at("/unmapped/evidence/waivedOutcome").asText()).isEqualTo("FAIL");
    }

    @Test
    void aFailureUnderAnExpiredWaiver_staysNew_andSaysTheWaiverExpired() {
        JsonNode e = eventOf("asg-multi-az", "web-asg");
        assertThat(e.get("status").asText()).isEqualTo("New");
        assertThat(e.has("comment")).isFalse();
        assertThat(e.get("status_detail").asText()).startsWith("Not suppressed").contains("web-team")
                .contains("expired on 2026-10-31");
        assertThat(e.at("/unmapped/waiver/expired").asBoolean()).isTrue();
    }

    @Test
    void againstABaseline_persistingFailuresUpdate_newOnesCreate_andFixedOnesClose() {
        long baselineMs = ReportFixtures.baselineReport().capturedAt().toEpochMilli();
        JsonNode persisting = eventOf("asg-multi-az", "web-asg");
        assertThat(persisting.get("activity_id").asInt()).isEqualTo(2);
        assertThat(persisting.get("type_uid").asLong()).isEqualTo(200302L);
        assertThat(persisting.at("/unmapped/baseline/status").asText()).isEqualTo("PERSISTING");
        assertThat(persisting.at("/finding_info/first_seen_time").asLong()).isEqualTo(baselineMs);
        assertThat(persisting.at("/finding_info/last_seen_time").asLong()).isEqualTo(CAPTURED_MS);

        JsonNode fresh = eventOf("rds-instance-multi-az", "reports-db");
        assertThat(fresh.get("activity_name").asText()).isEqualTo("Create");
        assertThat(fresh.at("/unmapped/baseline/status").asText()).isEqualTo("NEW");
        assertThat(fresh.at("/finding_info/first_seen_time").asLong()).isEqualTo(CAPTURED_MS);

        JsonNode fixed = eventOf("rds-instance-multi-az", "billing-db");
        assertThat(fixed.get("activity_id").asInt()).isEqualTo(3);
        assertThat(fixed.get("type_name").asText()).isEqualTo("Compliance Finding: Close");
        assertThat(fixed.at("/unmapped/baseline/status").asText()).isEqualTo("RESOLVED");

        JsonNode passing = eventOf("alarm-has-action", "web-cpu-high");
        assertThat(passing.get("activity_id").asInt()).isEqualTo(1);
        assertThat(passing.at("/unmapped").has("baseline")).isFalse();
    }

    @Test
    void resourceCloudAndCompliance_carryTheArnAccountRegionPartitionAndControls() {
        JsonNode e = eventOf("rds-instance-multi-az", "orders-db");
        assertThat(e.at("/resource/uid").asText()).startsWith("arn:aws:rds:us-east-1:111122223333:db:orders-db");
        assertThat(e.at("/resource/cloud_partition").asText()).isEqualTo("aws");
        assertThat(e.at("/resource/region").asText()).isEqualTo("us-east-1");
        assertThat(e.at("/resource/owner/account/uid").asText()).isEqualTo(InventoryFixture.ACCOUNT);
        assertThat(e.at("/cloud/provider").asText()).isEqualTo("AWS");
        assertThat(e.at("/cloud/account/uid").asText()).isEqualTo(InventoryFixture.ACCOUNT);
        assertThat(e.at("/cloud/region").asText()).isEqualTo("us-east-1");
        assertThat(e.at("/compliance/control").asText()).isEqualTo("rds-instance-multi-az");
        assertThat(strings(e.at("/compliance/requirements")))
                .containsExactly("wa-reliability:REL10-BP01", "soc2:A1.2", "iso27001:A.8.14", "nist-800-53:CP-10");
        assertThat(e.at("/compliance/standards/0").asText()).isEqualTo("AWS Well-Architected Reliability pillar");
        assertThat(e.at("/remediation/desc").asText()).startsWith("How to fix rds-instance-multi-az");
        assertThat(e.at("/unmapped/catalog_id").asText()).isEqualTo("R01");
        assertThat(e.at("/unmapped/evidence/multiAz").asBoolean(true)).isFalse();
        assertThat(e.at("/unmapped/evidence/secondaryAvailabilityZone").isNull()).isTrue();
        assertThat(e.at("/unmapped/controls/2/source").asText()).isEqualTo("PROPOSED");
    }

    @Test
    void hostileStrings_roundTripExactly_andNoLineIsBroken() {
        ScanReport report = ReportFormatsTestSupport.hostileReport();
        byte[] bytes = new OcsfReporter().render(report);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u0000")
                .doesNotContain("\u2028").doesNotContain("\r");
        List<JsonNode> events = events(bytes);
        List<String> hostile = ReportFormatsTestSupport.HOSTILE;
        assertThat(events).hasSize(hostile.size());
        for (int i = 0; i < hostile.size(); i++) {
            String h = hostile.get(i).replace("\ud800", "\uFFFD");
            JsonNode e = events.get(i);
            assertThat(e.get("message").asText()).isEqualTo(h);
            assertThat(e.at("/resource/name").asText()).isEqualTo(h);
            assertThat(e.at("/resource/uid").asText()).isEqualTo(String.format("%02d", i) + h);
            assertThat(e.at("/unmapped/evidence/tag").asText()).isEqualTo(h);
        }
    }

    @Test
    void aWaiverWithHostileText_roundTripsExactly_andTheEventStaysValid() {
        String reason = "Quiet \"<b>by design</b>\" & =cmd|' /C calc'!A0\r\n[PASS] forged \u001b[31m\u2028line";
        String owner = "\u001b[31mops\u001b[0m <team@example.com>";
        ScanReport report = new WaiverSet(List.of(new Waiver("<script>alert('w')</script>",
                ReportFixtures.RDS_MULTI_AZ.id(), null, null, null, reason, owner, null, "waivers.yaml:16")))
                .apply(outcomesReport());
        byte[] bytes = new OcsfReporter().render(report);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\u001b").doesNotContain("\r")
                .doesNotContain("\u2028");
        JsonNode e = events(bytes).stream().filter(ev -> ev.get("status").asText().equals("Suppressed"))
                .findFirst().orElseThrow();
        assertThat(OcsfSchema.validate(e)).isEmpty();
        assertThat(e.get("comment").asText()).isEqualTo(reason);
        assertThat(e.get("status_detail").asText()).isEqualTo("Suppressed by waiver <script>alert('w')</script>"
                + " (waivers.yaml:16), owner " + owner + ", no expiry: " + reason);
        assertThat(e.at("/unmapped/waiver/owner").asText()).isEqualTo(owner);
        assertThat(e.at("/unmapped/waiver/expires").isNull()).isTrue();
    }

    @Test
    void aFindingWithoutAccountRegionNameOrKnownRule_isStillAValidEvent() {
        Finding bare = new Finding(null, "unknown-rule", "not-an-arn", null, null, null, null, Outcome.FAIL,
                Severity.LOW, "m", Map.of(), Map.of());
        ScanReport report = new ScanReport("1", InventoryFixture.CAPTURED_AT, List.of(), List.of(), List.of(bare),
                InventoryFixture.create().build().coverage(), List.of());
        JsonNode e = events(new OcsfReporter().render(report)).get(0);
        assertThat(OcsfSchema.validate(e)).isEmpty();
        assertThat(e.get("cloud").toString()).isEqualTo("{\"provider\":\"AWS\"}");
        assertThat(e.get("resource").toString()).isEqualTo("{\"uid\":\"not-an-arn\"}");
        assertThat(e.at("/finding_info/title").asText()).isEqualTo("unknown-rule");
        assertThat(e.at("/compliance/standards").isEmpty()).isTrue();
        assertThat(e.has("remediation")).isFalse();
    }

    @Test
    void tagsInTheEvidence_becomeResourceLabels() {
        JsonNode e = eventOf("rds-instance-multi-az", "evil");
        assertThat(strings(e.at("/resource/labels")))
                .containsExactly("Owner=\u001b]0;pwned\u0007team\u202Eevil");
        assertThat(OcsfReporter.labels(Map.of("b", "2", "a", "1"))).containsExactly("a=1", "b=2");
        assertThat(OcsfReporter.labels("not a map")).isEmpty();
    }

    @Test
    void partition_isReadFromRealArnsOnly() {
        assertThat(OcsfReporter.partition("arn:aws-us-gov:rds:us-gov-west-1:1:db:x")).contains("aws-us-gov");
        assertThat(OcsfReporter.partition("arn:aws-cn:ec2:cn-north-1:1:region/cn-north-1")).contains("aws-cn");
        assertThat(OcsfReporter.partition("=HYPERLINK(\"x\")")).isEmpty();
        assertThat(OcsfReporter.partition("arn::x")).isEmpty();
    }

    /** One finding per outcome, all of a HIGH rule. */
    static ScanReport outcomesReport() {
        Inventory inv = InventoryFixture.create().dbInstance("db", d -> d).build();
        List<Finding> findings = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            findings.add(new Finding(null, ReportFixtures.RDS_MULTI_AZ.id(), "arn:aws:rds:us-east-1:"
                    + InventoryFixture.ACCOUNT + ":db:" + o.name().toLowerCase(java.util.Locale.ROOT), "DbInstance",
                    o.name(), InventoryFixture.ACCOUNT, "us-east-1", o, Severity.HIGH, "outcome " + o, Map.of(),
                    Map.of()));
        }
        return ScanReport.of("1", inv, List.of(ReportFixtures.RDS_MULTI_AZ), findings);
    }

    private static JsonNode eventOf(String ruleId, String resourceNameStart) {
        return events(new OcsfReporter().render(ReportFixtures.report())).stream()
                .filter(e -> e.at("/unmapped/rule_id").asText().equals(ruleId)
                        && e.at("/resource/name").asText().startsWith(resourceNameStart))
                .findFirst().orElseThrow(() -> new AssertionError("no event for " + ruleId + " " + resourceNameStart));
    }

    static List<JsonNode> events(byte[] jsonLines) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : new String(jsonLines, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                events.add(MAPPER.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> messages(JsonNode event) {
        return OcsfSchema.validate(event).stream().map(ValidationMessage::getMessage).toList();
    }
    @Test
    void write_streamsTheBytesRenderGives_inBufferSizedChunks_flushesAndLeavesTheStreamOpen() throws Exception {
        // Written as it goes (the generator's buffer at a time), never as one whole-report array.
        StreamingTestSupport.assertStreams(new OcsfReporter(), ReportFixtures.report(), "ocsf.jsonl", 16 * 1024);
    }
}
