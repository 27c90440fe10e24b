package io.relyscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.cli.CliUsageTest.Result;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Rule;
import io.relyscan.report.snapshot.InventorySnapshots;
import io.relyscan.rules.BuiltInRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.relyscan.cli.CliUsageTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --waivers} end to end through the CLI, on the bundled example and examples/waivers.yaml. */
class WaiversCliTest {
    private static final Path DEMO = Path.of("..", "examples", "demo-account", "inventory.json");
    private static final Path EXAMPLE_WAIVERS = Path.of("..", "examples", "waivers.yaml");
    private static final String REPORTING_DB = "arn:aws:rds:us-east-1:123456789012:db:reporting-db";
    private static final String DEMO_101_REASON = "Reporting database, rebuilt every night from orders-db; a standby "
            + "would never be used.";
    private static final String DEMO_101_OWNER = "data-platform@example.com";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path file(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static List<JsonNode> findings(JsonNode report) {
        return StreamSupport.stream(report.get("findings").spliterator(), false).toList();
    }

    private static JsonNode finding(JsonNode report, String ruleId, String arnPart) {
        return findings(report).stream().filter(f -> f.get("ruleId").asText().equals(ruleId)
                && f.get("resource").get("arn").asText().contains(arnPart)).findFirst().orElseThrow();
    }

    private static long count(JsonNode report, String outcome) {
        return findings(report).stream().filter(f -> f.get("outcome").asText().equals(outcome)).count();
    }

    @Test
    void exampleWaivers_showWaivedFindingsAsSuppressed_withReasonAndOwner_inJsonCsvAndJunit() throws Exception {
        Path out = tmp.resolve("out");
        Path plainOut = tmp.resolve("plain");
        Result plain = run("evaluate", "--inventory", DEMO.toString(), "--output-dir", plainOut.toString(),
                "--format", "json", "--fail-on", "NONE");
        assertThat(plain.code()).as(plain.err()).isZero();

        Result r = run("evaluate", "--inventory", DEMO.toString(), "--waivers", EXAMPLE_WAIVERS.toString(),
                "--output-dir", out.toString(), "--format", "json,csv,junit", "--fail-on", "NONE");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode before = MAPPER.readTree(plainOut.resolve("relyscan-report.json").toFile());
        JsonNode json = MAPPER.readTree(out.resolve("relyscan-report.json").toFile());
        // nothing is dropped: 15 failures change outcome (DEMO-101: 1, DEMO-102: 1, DEMO-103: 1, DEMO-104: 12)
        assertThat(findings(json)).hasSameSizeAs(findings(before));
        assertThat(count(json, "SUPPRESSED")).isEqualTo(15);
        assertThat(count(json, "FAIL")).isEqualTo(count(before, "FAIL") - 15);
        assertThat(count(json, "PASS")).isEqualTo(count(before, "PASS"));
        // as examples/demo-account/README.md says: 83 HIGH failures remain of 86
        assertThat(findings(json).stream().filter(f -> f.get("outcome").asText().equals("FAIL")
                && f.get("severity").asText().equals("HIGH")).count()).isEqualTo(83);
        JsonNode waived = finding(json, "rds-instance-multi-az", REPORTING_DB);
        assertThat(waived.get("outcome").asText()).isEqualTo("SUPPRESSED");
        assertThat(waived.get("severity").asText()).isEqualTo("HIGH");
        assertThat(waived.toString()).contains(DEMO_101_REASON).contains(DEMO_101_OWNER).contains("DEMO-101");
        // R40 in the file is backup-recent-recovery-point; the other rules of the same database still fail
        assertThat(finding(json, "backup-recent-recovery-point", "db:scratch-db").get("outcome").asText())
                .isEqualTo("SUPPRESSED");
        assertThat(finding(json, "rds-instance-multi-az", "db:scratch-db").get("outcome").asText())
                .isEqualTo("FAIL");
        // DEMO-90 expired before the capture: its finding fails, and says which waiver expired
        JsonNode expired = finding(json, "elb-deletion-protection", "loadbalancer/app/eu-web-alb/");
        assertThat(expired.get("outcome").asText()).isEqualTo("FAIL");
        assertThat(expired.toString()).contains("DEMO-90").contains("expired on 2026-10-31");

        String csv = Files.readString(out.resolve("relyscan-findings.csv"), StandardCharsets.UTF_8);
        List<String> rows = List.of(csv.split("\r\n"));
        assertThat(rows).hasSize(findings(before).size() + 1);
        assertThat(rows.stream().filter(row -> row.contains(",rds-instance-multi-az,") && row.contains(REPORTING_DB)))
                .singleElement().asString().contains(",SUPPRESSED,").contains(DEMO_101_REASON)
                .contains(DEMO_101_OWNER);

        Element junit = DocumentBuilderFactoryHolder.parse(Files.readAllBytes(out.resolve("relyscan-junit.xml")));
        NodeList cases = junit.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(findings(before).size());
        Element testcase = null;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("classname").equals("rds-instance-multi-az") && c.getAttribute("name")
                    .contains("reporting-db")) {
                testcase = c;
            }
        }
        assertThat(testcase).isNotNull();
        assertThat(testcase.getElementsByTagName("failure").getLength()).isZero();
        NodeList skipped = testcase.getElementsByTagName("skipped");
        assertThat(skipped.getLength()).isEqualTo(1);
        Element skip = (Element) skipped.item(0);
        assertThat(skip.getAttribute("message") + "\n" + skip.getTextContent()).contains(DEMO_101_REASON)
                .contains(DEMO_101_OWNER);

        // the expired waiver is reported; every other waiver suppressed something, so no note
        assertThat(r.err()).contains("relyscan: warning: waiver DEMO-90 (" + EXAMPLE_WAIVERS + ":35, owner "
                + "web-team@example.com) expired on 2026-10-31: 1 failing finding(s) are no longer suppressed")
                .doesNotContain("note:");
    }

    /** Only backup-plan-exists enabled: one HIGH failure (eu-west-1, no backup plan) and one PASS. */
    private Path onlyBackupPlanExists() throws Exception {
        String rules = BuiltInRules.all().stream().map(Rule::metadata).map(m -> m.id())
                .filter(id -> !id.equals("backup-plan-exists"))
                .map(id -> "  " + id + ":\n    enabled: false\n").collect(Collectors.joining());
        return file("relyscan.yaml", "version: 1\nrules:\n" + rules);
    }

    private Result gate(Path config, Path waivers) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--inventory", DEMO.toString(), "--config",
                config.toString(), "--output-dir", tmp.resolve("gate").toString(), "--format", "json",
                "--fail-on", "HIGH"));
        if (waivers != null) {
            args.addAll(List.of("--waivers", waivers.toString()));
        }
        return run(args.toArray(String[]::new));
    }

    @Test
    void waivedHighFailure_noLongerGates_butAnExpiredWaiverDoes() throws Exception {
        Path config = onlyBackupPlanExists();
        Result without = gate(config, null);
        assertThat(without.code()).as(without.err()).isEqualTo(1);
        assertThat(without.out()).contains("Failing findings at or above HIGH: 1 (exit 1).");

        Path valid = file("valid.yaml", """
                version: 1
                waivers:
                  - id: OPS-1
                    rule: R36
                    region: eu-west-1
                    reason: The eu-west-1 workloads are being moved out; nothing there needs a backup plan.
                    owner: platform@example.com
                    expires: 2026-11-28
                """);
        Result waived = gate(config, valid);
        assertThat(waived.code()).as(waived.err()).isZero();
        assertThat(waived.out()).contains("No failing findings at or above HIGH (exit 0).");
        assertThat(waived.err()).doesNotContain("warning");

        // captured on 2026-11-28: a waiver whose last day was the 27th no longer applies
        Path expired = file("expired.yaml", Files.readString(valid).replace("2026-11-28", "2026-11-27"));
        Result afterExpiry = gate(config, expired);
        assertThat(afterExpiry.code()).as(afterExpiry.err()).isEqualTo(1);
        assertThat(afterExpiry.err()).contains("relyscan: warning: waiver OPS-1 (" + expired + ":3, owner "
                + "platform@example.com) expired on 2026-11-27: 1 failing finding(s) are no longer suppressed");
    }

    @Test
    void unusedWaivers_areNoted() throws Exception {
        Path waivers = file("unused.yaml", """
                version: 1
                waivers:
                  - id: OPS-2
                    rule: backup-plan-exists
                    region: us-east-1
                    reason: us-east-1 has a backup plan, so this waiver covers nothing at all.
                    owner: platform@example.com
                  - rule: backup-plan-exists
                    account: "999988887777"
                    reason: Another account entirely, not in this inventory at all.
                    owner: platform@example.com
                    expires: 2020-01-01
                  - id: OPS-4
                    rule: rds-instance-multi-az
                    resource: "*"
                    reason: The configuration disables this rule, which is not an error here.
                    owner: platform@example.com
                """);
        Result r = gate(onlyBackupPlanExists(), waivers);

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("relyscan: note: 2 waiver(s) matched no failing finding: OPS-2 (" + waivers
                + ":3), OPS-4 (" + waivers + ":13); remove them, or check their rule, resource, account and region")
                .contains("relyscan: note: 1 expired waiver(s) matched no failing finding: " + waivers
                        + ":8; remove them");
    }

    @Test
    void invalidFile_exitsTwo_naming_everyProblem_andWritesNothing() throws Exception {
        Path waivers = file("bad.yaml", """
                version: 1
                waivers:
                  - id: OPS-3
                    rule: backup-plan-exist
                    region: eu-west-1
                    reason: TODO
                    owner: platform@example.com
                    expires: 2027-13-01
                """);
        Path out = tmp.resolve("never");

        Result r = run("evaluate", "--inventory", DEMO.toString(), "--waivers", waivers.toString(),
                "--output-dir", out.toString(), "--format", "json,csv,junit");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "relyscan: error: " + waivers + ": 3 problems in the waivers file; fix them all and run again:",
                "  " + waivers + ":4:11: waivers[0].rule: unknown rule 'backup-plan-exist' (did you mean "
                        + "'backup-plan-exists'?); name a rule id or catalog id listed by 'relyscan rules'",
                "  " + waivers + ":6:13: waivers[0].reason: holds the placeholder 'TODO'; write the actual reason "
                        + "the risk is accepted, e.g. 'Reporting replica, rebuilt nightly from orders-db; it is "
                        + "never restored.'",
                "  " + waivers + ":8:14: waivers[0].expires: '2027-13-01' is not a calendar date; write the last day "
                        + "(UTC) the waiver applies as YYYY-MM-DD, e.g. 2027-01-31");
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void oneProblem_isOneLine_andAMissingFileIsAnInputError() throws Exception {
        Path waivers = file("one.yaml", "version: 1\nwaivers:\n  - rule: R36\n    region: eu-west-1\n"
                + "    reason: Being moved out of the region this quarter.\n");
        Result r = run("evaluate", "--inventory", DEMO.toString(), "--waivers", waivers.toString(),
                "--output-dir", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("relyscan: error: " + waivers + ":3:5: "
                + "waivers[0].owner: missing; name who accepted the risk and answers for it: a person, team or mail "
                + "address, e.g. data-platform@example.com");

        Result missing = run("evaluate", "--inventory", DEMO.toString(), "--waivers",
                tmp.resolve("nope.yaml").toString(), "--output-dir", tmp.resolve("o").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("relyscan: error: --waivers: " + tmp.resolve("nope.yaml")
                + " does not exist");
    }

    @Test
    void scan_checksTheWaiversFileBeforeAnyAwsCall() throws Exception {
        Path waivers = file("bad.yaml", "version: 1\nwaivers: {}\n");
        Result r = run("scan", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9", "--waivers",
                waivers.toString(), "--output-dir", tmp.resolve("scan").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("relyscan: error: " + waivers + ":2:10: waivers: must be a list of waivers, "
                + "each starting with '- ', got a mapping");
        assertThat(tmp.resolve("scan")).doesNotExist();
    }

    /** The part of the demo inventory in the matching regions, as a shard's snapshot. */
    private Path snapshot(String name, Predicate<String> region) {
        Inventory whole = InventorySnapshots.read(DEMO);
        Inventory part = Inventory.of(whole.capturedAt(),
                whole.scopes().stream().filter(s -> region.test(s.region())).toList(),
                whole.resources().stream().filter(r -> region.test(r.region())).toList(),
                Coverage.of(whole.coverage().entries().stream().filter(e -> region.test(e.region())).toList()),
                whole.telemetry().stream().filter(t -> region.test(t.region())).toList());
        Path file = tmp.resolve(name);
        InventorySnapshots.write(part, file);
        return file;
    }

    /** A shard's JSON report of the demo's part in the matching regions. */
    private Path shardReport(String name, Predicate<String> region, String... extra) {
        Path out = tmp.resolve(name + "-out");
        List<String> args = new ArrayList<>(List.of("evaluate", "--inventory", snapshot(name + ".inventory.json",
                region).toString(), "--output-dir", out.toString(), "--format", "json", "--fail-on", "NONE"));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return out.resolve("relyscan-report.json");
    }

    @Test
    void mergeOfShardReports_appliesWaiversToTheMergedFindings_likeOneEvaluation() throws Exception {
        Path us = shardReport("us", "us-east-1"::equals, "--framework", "nist-800-53");
        Path eu = shardReport("eu", "eu-west-1"::equals, "--framework", "nist-800-53");
        Path merged = tmp.resolve("merged");
        Path whole = tmp.resolve("whole");

        Result m = run("merge", us.toString(), eu.toString(), "--waivers", EXAMPLE_WAIVERS.toString(),
                "--output-dir", merged.toString(), "--format", "json", "--fail-on", "NONE");
        Result e = run("evaluate", "--inventory", DEMO.toString(), "--waivers", EXAMPLE_WAIVERS.toString(),
                "--framework", "nist-800-53", "--output-dir", whole.toString(), "--format", "json",
                "--fail-on", "NONE");

        assertThat(m.code()).as(m.err()).isZero();
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode a = MAPPER.readTree(merged.resolve("relyscan-report.json").toFile());
        JsonNode b = MAPPER.readTree(whole.resolve("relyscan-report.json").toFile());
        assertThat(count(a, "SUPPRESSED")).isEqualTo(15).isEqualTo(count(b, "SUPPRESSED"));
        assertThat(finding(a, "rds-instance-multi-az", REPORTING_DB)).isEqualTo(finding(b, "rds-instance-multi-az",
                REPORTING_DB));
        // the shards' framework view counted the findings before the waivers: it is computed again. (Only the
        // suppressed counts are compared: a cross-region rule judges a region's shard alone differently.)
        assertThat(suppressedPerControl(a)).isEqualTo(suppressedPerControl(b)).containsEntry("AU-12(3)", 12L);
        JsonNode onlyWaived = StreamSupport.stream(a.get("framework").get("controls").spliterator(), false)
                .filter(c -> c.get("id").asText().equals("AU-12(3)")).findFirst().orElseThrow();
        assertThat(onlyWaived.get("findings").get("FAIL").asLong()).isZero();
        assertThat(onlyWaived.get("status").asText()).isNotEqualTo("FAIL");
        assertThat(m.err()).contains("waiver DEMO-90").contains("expired on 2026-10-31");
    }

    private static java.util.Map<String, Long> suppressedPerControl(JsonNode report) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        report.get("framework").get("controls").forEach(c -> counts.put(c.get("id").asText(),
                c.get("findings").get("SUPPRESSED").asLong()));
        return counts;
    }

    @Test
    void mergeOfShardReports_refusesWaiversTheShardsAlreadyApplied() throws Exception {
        Path us = shardReport("us", "us-east-1"::equals, "--waivers", EXAMPLE_WAIVERS.toString());
        Path eu = shardReport("eu", "eu-west-1"::equals, "--waivers", EXAMPLE_WAIVERS.toString());
        Path out = tmp.resolve("merged");

        Result again = run("merge", us.toString(), eu.toString(), "--waivers", EXAMPLE_WAIVERS.toString(),
                "--output-dir", out.toString(), "--format", "json");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("relyscan: error: --waivers: the scan reports were made with --waivers "
                + "already (").contains("merge these reports without --waivers");
        assertThat(out).doesNotExist();

        // merged as they are, the shards' waived findings stay SUPPRESSED
        Result asIs = run("merge", us.toString(), eu.toString(), "--output-dir", out.toString(), "--format", "json",
                "--fail-on", "NONE");
        assertThat(asIs.code()).as(asIs.err()).isZero();
        assertThat(count(MAPPER.readTree(out.resolve("relyscan-report.json").toFile()), "SUPPRESSED"))
                .isEqualTo(15);
    }

    @Test
    void mergeOfSnapshots_appliesWaiversLikeEvaluate() throws Exception {
        Path out = tmp.resolve("merged");
        Result r = run("merge", snapshot("us.json", "us-east-1"::equals).toString(),
                snapshot("eu.json", "eu-west-1"::equals).toString(), "--waivers", EXAMPLE_WAIVERS.toString(),
                "--output-dir", out.toString(), "--format", "json", "--fail-on", "NONE");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(count(MAPPER.readTree(out.resolve("relyscan-report.json").toFile()), "SUPPRESSED"))
                .isEqualTo(15);
    }

    @Test
    void help_describesTheOption() {
        assertThat(run("evaluate", "--help").out().replaceAll("\\s+", " "))
                .contains("--waivers=FILE").contains("docs/waivers.md").contains("SUPPRESSED");
    }

    /** A secure XML parser for the JUnit report. */
    private static final class DocumentBuilderFactoryHolder {
        static Element parse(byte[] xml) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        }
    }
}
