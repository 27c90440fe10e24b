package io.relyscan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlDefinition;
import io.relyscan.core.framework.ControlStatus;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameworkReportingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void json_withoutFramework_writesNull() throws Exception {
        JsonNode json = MAPPER.readTree(new JsonReporter().render(ReportFixtures.report()));
        assertThat(json.has("framework")).isTrue();
        assertThat(json.get("framework").isNull()).isTrue();
    }

    @Test
    void json_withFramework_groupsFindingsByControl() throws Exception {
        JsonNode framework = MAPPER.readTree(new JsonReporter().render(FrameworkFixtures.report())).get("framework");
        assertThat(framework.get("id").asText()).isEqualTo("wa-reliability");
        assertThat(framework.get("title").asText()).isEqualTo(Framework.WA_RELIABILITY.title());
        JsonNode controls = framework.get("controls");
        assertThat(controls).hasSize(FrameworkFixtures.CATALOG.controls().size());
        JsonNode rel10 = controls.get(6);
        assertThat(rel10.get("id").asText()).isEqualTo("REL10-BP01");
        assertThat(rel10.get("status").asText()).isEqualTo("FAIL");
        assertThat(rel10.get("rules").findValuesAsText("id")).containsExactly("asg-multi-az", "rds-instance-multi-az");
        assertThat(rel10.at("/findings/FAIL").asInt()).isEqualTo(4);
        assertThat(rel10.at("/findings/PASS").asInt()).isEqualTo(2);
        JsonNode statuses = framework.get("byStatus");
        assertThat(statuses.get("MANUAL").asInt()).isEqualTo(2);
        List<String> seen = controls.findValuesAsText("status");
        assertThat(seen).contains(Arrays.stream(ControlStatus.values()).map(Enum::name).toArray(String[]::new));
        assertThat(controls.get(1).at("/rules/0/source").asText()).isEqualTo("PROPOSED");
    }

    @Test
    void schema_rejectsAnUnknownControlStatus() throws Exception {
        ObjectNode report = (ObjectNode) MAPPER.readTree(new JsonReporter().render(FrameworkFixtures.report()));
        ((ObjectNode) report.at("/framework/controls/0")).put("status", "PARTIAL");
        assertThat(GoldenFilesTest.validate("relyscan-report-v1.schema.json", report)).isNotEmpty();
    }

    @Test
    void console_withoutFramework_hasNoControlsSection() {
        String text = new String(new ConsoleReporter(ConsoleStyle.plain()).render(ReportFixtures.report()),
                StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Controls (");
    }

    @Test
    void console_controlsSection_fitsTheWidthAndSanitizes() {
        ControlCatalog hostile = ControlCatalog.of(Framework.SOC2, List.of(
                ControlDefinition.of(Framework.SOC2, "A1.2", "Backups\u001b[31m red\r\n[PASS] forged"),
                ControlDefinition.of(Framework.SOC2, "A1.3", "Test recovery")));
        ScanReport base = ReportFixtures.report();
        ScanReport report = base.withFramework(FrameworkView.of(hostile, base.rules(), base.findings()));
        for (int width : new int[]{40, 60, 100}) {
            String text = new String(new ConsoleReporter(new ConsoleStyle(false, width, Severity.HIGH)).render(report),
                    StandardCharsets.UTF_8);
            assertThat(text).contains("Controls (SOC 2").doesNotContain("\u001b").doesNotContain("\r");
            assertThat(text.lines()).allSatisfy(l -> assertThat(l.codePointCount(0, l.length()))
                    .isLessThanOrEqualTo(width));
            assertThat(text.lines().filter(l -> l.startsWith("[PASS]"))).isEmpty();
        }
        String wide = new String(new ConsoleReporter(ConsoleStyle.plain()).render(report), StandardCharsets.UTF_8);
        assertThat(wide).contains("A1.3  MANUAL  \u2014 no automated rule")
                .contains("A1.2  FAIL    FAIL 8 / PASS 6 / ERROR 2  Backups\uFFFD red  [PASS] forged");
    }
}
