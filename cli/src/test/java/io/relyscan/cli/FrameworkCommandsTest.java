package io.relyscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Rule;
import io.relyscan.rules.BuiltInRules;
import io.relyscan.rules.frameworks.FrameworkCatalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --framework} on rules, evaluate and scan. */
class FrameworkCommandsTest {
    private static final Path DEMO_INVENTORY = Path.of("..", "examples", "demo-account", "inventory.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void rules_withFramework_listsEveryControlWithItsRulesOrManual() {
        CliUsageTest.Result r = CliUsageTest.run("rules", "--framework", "wa-reliability");

        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith(Framework.WA_RELIABILITY.title() + " (wa-reliability): "
                + FrameworkCatalogs.of(Framework.WA_RELIABILITY).controls().size() + " controls");
        FrameworkCatalogs.of(Framework.WA_RELIABILITY).controls()
                .forEach(c -> assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(c.id() + " ")));
        assertThat(r.out()).contains("manual: no automated rule");
        for (Rule rule : BuiltInRules.all()) {
            String id = rule.metadata().id();
            rule.metadata().controls(Framework.WA_RELIABILITY).forEach(ref -> {
                int control = lines.indexOf(lines.stream().filter(l -> l.startsWith(ref.controlId() + " "))
                        .findFirst().orElseThrow());
                List<String> block = new ArrayList<>();
                for (int i = control + 1; i < lines.size() && lines.get(i).startsWith(" "); i++) {
                    block.add(lines.get(i).strip());
                }
                assertThat(block).as("rules under %s", ref.controlId())
                        .anySatisfy(l -> assertThat(l).startsWith(id + (ref.label().endsWith("*") ? "*" : "") + " "));
            });
        }
    }

    @Test
    void rules_withFramework_marksProposedMappings() {
        CliUsageTest.Result r = CliUsageTest.run("rules", "--framework", "soc2");

        assertThat(r.code()).isZero();
        String proposed = BuiltInRules.all().stream().flatMap(rule -> rule.metadata().controls(Framework.SOC2).stream()
                        .filter(c -> c.label().endsWith("*")).map(c -> rule.metadata().id() + "*"))
                .findFirst().orElseThrow();
        assertThat(r.out()).contains(proposed + " ").contains("* = mapping proposed by relyscan");
    }

    @Test
    void unknownFramework_isUsageErrorListingTheValidIds() {
        for (String[] args : List.of(new String[]{"rules", "--framework", "pci-dss"},
                new String[]{"evaluate", "--inventory", DEMO_INVENTORY.toString(), "--framework", "pci-dss",
                        "--output-dir", tmp.toString()},
                new String[]{"scan", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9",
                        "--framework", "pci-dss", "--output-dir", tmp.toString()})) {
            CliUsageTest.Result r = CliUsageTest.run(args);
            assertThat(r.code()).as(args[0]).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(args[0]).containsExactly("relyscan: error: --framework: unknown "
                    + "framework 'pci-dss'; expected one of wa-reliability, soc2, iso27001, nist-800-53");
            assertThat(tmp.resolve("relyscan-report.json")).doesNotExist();
        }
    }

    @Test
    void evaluate_withFramework_groupsFindingsByControlAndRunsOnlyMappedRules() throws Exception {
        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--framework", "nist-800-53", "--output-dir", tmp.toString(), "--fail-on", "NONE");

        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isIn(0, 3);
        assertThat(r.out()).contains("Controls (" + Framework.NIST_800_53.title() + ")")
                .contains("MANUAL").contains("\u2014 no automated rule");
        assertThat(r.out().lines().takeWhile(l -> !l.startsWith("JSON report:")))
                .allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(100));
        JsonNode report = MAPPER.readTree(Files.readAllBytes(tmp.resolve("relyscan-report.json")));
        JsonNode framework = report.get("framework");
        assertThat(framework.get("id").asText()).isEqualTo("nist-800-53");
        assertThat(framework.get("controls")).hasSize(FrameworkCatalogs.of(Framework.NIST_800_53).controls().size());
        List<String> expectedRules = BuiltInRules.all().stream().map(Rule::metadata)
                .filter(m -> !m.controls(Framework.NIST_800_53).isEmpty()).map(m -> m.id()).sorted().toList();
        assertThat(report.get("rules").findValuesAsText("id")).isEqualTo(expectedRules);
        assertThat(report.get("findings").findValuesAsText("ruleId")).allSatisfy(id -> assertThat(expectedRules)
                .contains(id));
        long findingsTotal = 0;
        for (JsonNode control : framework.get("controls")) {
            String status = control.get("status").asText();
            if (control.get("rules").isEmpty()) {
                assertThat(status).isEqualTo("MANUAL");
            } else {
                assertThat(status).isIn("PASS", "FAIL", "ERROR", "NOT_APPLICABLE");
                if (control.at("/findings/FAIL").asLong() > 0) {
                    assertThat(status).isEqualTo("FAIL");
                }
            }
            findingsTotal += control.at("/findings/FAIL").asLong();
        }
        assertThat(findingsTotal).as("the demo account has failures behind some control").isPositive();
        JsonNode cp10 = null;
        for (JsonNode c : framework.get("controls")) {
            if (c.get("id").asText().equals("CP-10")) {
                cp10 = c;
            }
        }
        assertThat(cp10).isNotNull();
        assertThat(cp10.get("rules").findValuesAsText("id")).contains("rds-instance-multi-az");
    }

    @Test
    void evaluate_withoutFramework_writesNullFramework() throws Exception {
        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--output-dir", tmp.toString(), "--format", "json", "--fail-on", "NONE");

        assertThat(r.err()).isEmpty();
        JsonNode report = MAPPER.readTree(Files.readAllBytes(tmp.resolve("relyscan-report.json")));
        assertThat(report.get("framework").isNull()).isTrue();
        assertThat(r.out()).doesNotContain("Controls (");
    }

    @Test
    void help_documentsTheFrameworkOption() {
        for (String command : List.of("rules", "scan", "evaluate")) {
            CliUsageTest.Result r = CliUsageTest.run(command, "--help");
            assertThat(r.out()).as(command).contains("--framework=FRAMEWORK").contains("nist-800-53");
        }
    }
}
