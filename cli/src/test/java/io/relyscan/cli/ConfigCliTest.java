package io.relyscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.cli.CliUsageTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.relyscan.cli.CliUsageTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** relyscan.yaml through the real CLI, on the bundled example inventory (read-only). */
class ConfigCliTest {
    private static final Path DEMO = Path.of("..", "examples", "demo-account", "inventory.json");

    @TempDir
    Path tmp;

    private Path config(String yaml) throws Exception {
        return Files.writeString(tmp.resolve("relyscan.yaml"), yaml);
    }

    private Result evaluate(Path config, Path out) {
        return run("evaluate", "--inventory", DEMO.toString(), "--config", config.toString(),
                "--output-dir", out.toString(), "--format", "json", "--fail-on", "NONE");
    }

    /** The demo inventory may be incomplete for newer rules (exit 3); only input errors (2) fail here. */
    private static void assertReportWritten(Result r) {
        assertThat(r.code()).as(r.err()).isNotEqualTo(2);
    }

    private static JsonNode report(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("relyscan-report.json").toFile());
    }

    private static List<JsonNode> findings(JsonNode report, String ruleId) {
        List<JsonNode> result = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("ruleId").asText().equals(ruleId)) {
                result.add(f);
            }
        });
        return result;
    }

    @Test
    void evaluate_badConfig_isOneLineErrorWithFileLineColumnAndField() throws Exception {
        Path config = config("""
                version: 1
                rules:
                  rds-backup-retention:
                    parameters:
                      minimumRetentionDays: 0
                """);
        Path out = tmp.resolve("out");

        Result r = evaluate(config, out);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("relyscan: error: " + config + ":5:29: "
                + "rules.rds-backup-retention.parameters.minimumRetentionDays: must be at least 1, got 0");
        assertThat(out).doesNotExist();
    }

    @Test
    void scan_badConfig_isUsageErrorBeforeAnyCall() throws Exception {
        Path config = config("version: 1\nrules:\n  rds-backup-retenton: {enabled: false}\n");

        Result r = run("scan", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9",
                "--config", config.toString(), "--output-dir", tmp.resolve("out").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("relyscan: error: " + config + ":3:3: rules.rds-backup-retenton: "
                + "unknown rule id (did you mean 'rds-backup-retention'?); 'relyscan rules' lists every rule id");
    }

    @Test
    void configFileMissing_isUsageError() {
        Path missing = tmp.resolve("nope.yaml");

        Result r = run("evaluate", "--inventory", DEMO.toString(), "--config", missing.toString(),
                "--output-dir", tmp.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("relyscan: error: --config: " + missing + " does not exist");
        assertThat(tmp.resolve("relyscan-report.json")).doesNotExist();
    }

    @Test
    void disabledRule_isAbsentFromTheReport() throws Exception {
        Path baseline = tmp.resolve("baseline");
        assertThat(evaluate(config("version: 1\n"), baseline).code()).isNotEqualTo(2);
        assertThat(findings(report(baseline), "cw-alarm-has-actions")).isNotEmpty();

        Path out = tmp.resolve("out");
        Result r = evaluate(config("version: 1\nrules:\n  cw-alarm-has-actions:\n    enabled: false\n"), out);

        assertReportWritten(r);
        JsonNode report = report(out);
        assertThat(findings(report, "cw-alarm-has-actions")).isEmpty();
        assertThat(report.get("rules").findValuesAsText("id")).doesNotContain("cw-alarm-has-actions")
                .contains("cw-alarm-actions-enabled");
    }

    @Test
    void parameterOverride_appearsInFindings() throws Exception {
        Path out = tmp.resolve("out");
        Result r = evaluate(config("""
                version: 1
                rules:
                  rds-backup-retention:
                    parameters:
                      minimumRetentionDays: 30
                """), out);

        assertReportWritten(r);
        List<JsonNode> findings = findings(report(out), "rds-backup-retention");
        assertThat(findings).isNotEmpty().allSatisfy(f ->
                assertThat(f.get("parameters").get("minimumRetentionDays").asText()).isEqualTo("30"));
    }

    @Test
    void severityOverrideAndTier1_reachTheReport() throws Exception {
        Path out = tmp.resolve("out");
        Result r = evaluate(config("""
                version: 1
                tier1:
                  tagKey: tier
                  tagValues: ["1"]
                rules:
                  rds-instance-multi-az:
                    severity: LOW
                """), out);

        assertReportWritten(r);
        JsonNode report = report(out);
        JsonNode rule = findRule(report, "rds-instance-multi-az");
        assertThat(rule.get("severity").asText()).isEqualTo("LOW");
        List<JsonNode> escalated = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("evidence").path("tier1").asBoolean(false)) {
                escalated.add(f);
            }
        });
        assertThat(escalated).isNotEmpty().allSatisfy(f -> {
            assertThat(f.get("outcome").asText()).isEqualTo("FAIL");
            assertThat(f.get("evidence").has("severityAdjustedFrom")
                    || f.get("severity").asText().equals("CRITICAL")).isTrue();
        });
        assertThat(escalated).extracting(f -> f.get("resource").get("name").asText()).contains("eu-orders-db");
        List<JsonNode> multiAzFailures = findings(report, "rds-instance-multi-az").stream()
                .filter(f -> f.get("outcome").asText().equals("FAIL")).toList();
        assertThat(multiAzFailures).isNotEmpty().allSatisfy(f -> {
            assertThat(f.get("severity").asText()).isIn("LOW", "INFO");
            assertThat(f.get("evidence").path("tier1").isMissingNode()).isTrue();
        });
        assertThat(multiAzFailures).anySatisfy(f ->
                assertThat(f.get("evidence").get("severityAdjustedFrom").asText()).isEqualTo("HIGH"));
    }

    private static JsonNode findRule(JsonNode report, String id) {
        for (JsonNode rule : report.get("rules")) {
            if (rule.get("id").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id);
    }

    @Test
    void everyRuleDisabled_isUsageError() throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\nrules:\n");
        for (var rule : RuleSelection.enabled()) {
            yaml.append("  ").append(rule.metadata().id()).append(": {enabled: false}\n");
        }
        Path config = config(yaml.toString());

        Result r = evaluate(config, tmp.resolve("out"));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(config + ": every rule is disabled");
    }

    @Test
    void verbose_saysWhichConfigurationFileWasUsed() throws Exception {
        Path config = config("version: 1\n");
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            run("evaluate", "--verbose", "--inventory", DEMO.toString(), "--config", config.toString(),
                    "--output-dir", tmp.resolve("out").toString(), "--format", "json");
        } finally {
            System.setErr(original);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("configuration: " + config + " (--config)");
    }

    @Test
    void help_documentsConfig() {
        for (String command : new String[]{"scan", "evaluate"}) {
            assertThat(run(command, "--help").out()).as(command).contains("--config=FILE").contains("relyscan.yaml");
        }
    }
}
