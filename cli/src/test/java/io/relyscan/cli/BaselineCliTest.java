package io.relyscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --baseline}: the bundled example evaluated twice, the second time against the first run's JSON report,
 * with the inventory changed in between. The gate ({@code --fail-on}) then counts NEW failures only.
 */
class BaselineCliTest {
    private static final Path DEMO_INVENTORY = Path.of("..", "examples", "demo-account", "inventory.json");
    private static final Pattern ALL_FAILURES =
            Pattern.compile("Failing findings at or above HIGH: (\\d+) \\(exit 1\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The first run's JSON report, and how many HIGH-or-worse failures it had. */
    private Path baseline;
    private long highFailures;

    @BeforeEach
    void firstRun() {
        Path out = tmp.resolve("main");
        CliUsageTest.Result r = evaluate(DEMO_INVENTORY, out);
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        Matcher m = ALL_FAILURES.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        highFailures = Long.parseLong(m.group(1));
        assertThat(highFailures).isPositive();
        baseline = out.resolve("relyscan-report.json");
        assertThat(baseline).isRegularFile();
    }

    /** {@code evaluate} with a JSON report, and {@code --fail-on HIGH} unless {@code more} gives a gate. */
    private static CliUsageTest.Result evaluate(Path inventory, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--inventory", inventory.toString(), "--output-dir",
                out.toString(), "--format", "json"));
        if (!Arrays.asList(more).contains("--fail-on")) {
            args.addAll(List.of("--fail-on", "HIGH"));
        }
        args.addAll(Arrays.asList(more));
        return CliUsageTest.run(args.toArray(String[]::new));
    }

    @Test
    void sameInventory_everyFailurePersists_soTheGatePasses() {
        Path out = tmp.resolve("pr");

        CliUsageTest.Result r = evaluate(DEMO_INVENTORY, out, "--baseline", baseline.toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("Baseline " + Pattern.quote(baseline.toString())
                        + " \\(captured 2026-11-28T21:18:53\\.340Z\\): failures 0 new, \\d+ persisting, 0 resolved, "
                        + "0 not rechecked")
                .contains("No new failing findings at or above HIGH (exit 0); " + highFailures
                        + " persisting not counted (baseline: " + baseline + ").");
        // same rules and settings, same scopes: nothing to warn about
        assertThat(r.err()).doesNotContain("relyscan:");
        assertThat(out.resolve("relyscan-report.json")).isRegularFile();
    }

    @Test
    void merge_comparesTheMergedResultWithTheBaseline() {
        CliUsageTest.Result r = CliUsageTest.run("merge", baseline.toString(), "--output-dir",
                tmp.resolve("merged").toString(), "--format", "json", "--baseline", baseline.toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("failures 0 new, \\d+ persisting, 0 resolved, 0 not rechecked")
                .contains("No new failing findings at or above HIGH (exit 0)");
    }

    @Test
    void aNewFailureAndAFixedOne_areNewAndResolved_andTheNewOneFailsTheGate() throws IOException {
        ObjectNode inventory = demoInventory();
        dbInstance(inventory, "billing-db").put("multiAz", false); // passed rds-instance-multi-az (HIGH)
        dbInstance(inventory, "scratch-db").put("multiAz", true); // failed it
        Path changed = write(inventory);

        CliUsageTest.Result r = evaluate(changed, tmp.resolve("pr"), "--baseline", baseline.toString());

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("failures 1 new, \\d+ persisting, 1 resolved, 0 not rechecked")
                .contains("New failing findings at or above HIGH: 1 (exit 1); " + (highFailures - 1)
                        + " persisting not counted (baseline: " + baseline + ").");
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("pr").resolve("relyscan-report.json").toFile());
        assertThat(report.at("/baseline/source").asText()).isEqualTo(baseline.toString());
        assertThat(report.at("/baseline/counts/new").asInt()).isEqualTo(1);
        assertThat(report.at("/baseline/counts/resolved").asInt()).isEqualTo(1);
        List<String> newOnes = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if ("NEW".equals(f.path("baseline").asText())) {
                newOnes.add(f.path("ruleId").asText() + " " + f.at("/resource/name").asText());
            }
        });
        assertThat(newOnes).containsExactly("rds-instance-multi-az billing-db");
        assertThat(report.at("/baseline/resolved/0/previous/resource/name").asText()).isEqualTo("scratch-db");
        assertThat(report.at("/baseline/resolved/0/now").asText()).isEqualTo("PASS");

        // the new failure is HIGH: a CRITICAL gate lets it through; without the baseline every failure counts
        assertThat(evaluate(changed, tmp.resolve("critical"), "--baseline", baseline.toString(),
                "--fail-on", "CRITICAL").code()).isZero();
        CliUsageTest.Result all = evaluate(changed, tmp.resolve("all"));
        assertThat(all.code()).isEqualTo(1);
        assertThat(all.out()).contains("Failing findings at or above HIGH: " + highFailures + " (exit 1).");
    }

    @Test
    void aNewFailureThatIsWaived_isSuppressedAndNew_andDoesNotFailTheGate() throws IOException {
        ObjectNode inventory = demoInventory();
        dbInstance(inventory, "billing-db").put("multiAz", false); // a NEW HIGH failure
        Path changed = write(inventory);
        Path waivers = Files.writeString(tmp.resolve("waivers.yaml"), """
                version: 1
                waivers:
                  - id: CHG-1
                    rule: rds-instance-multi-az
                    resource: "arn:aws:rds:*:123456789012:db:billing-db"
                    reason: Billing moves to Aurora next sprint; the single-AZ window is accepted until then.
                    owner: payments@example.com
                    expires: 2027-01-31
                """);

        CliUsageTest.Result r = evaluate(changed, tmp.resolve("pr"), "--baseline", baseline.toString(),
                "--waivers", waivers.toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("failures 1 new, \\d+ persisting, 0 resolved")
                .contains("No new failing findings at or above HIGH (exit 0)");
        JsonNode report = JSON.readTree(tmp.resolve("pr").resolve("relyscan-report.json").toFile());
        List<JsonNode> billing = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if ("rds-instance-multi-az".equals(f.path("ruleId").asText())
                    && "billing-db".equals(f.at("/resource/name").asText())) {
                billing.add(f);
            }
        });
        assertThat(billing).singleElement().satisfies(f -> {
            assertThat(f.path("outcome").asText()).isEqualTo("SUPPRESSED");
            assertThat(f.path("baseline").asText()).isEqualTo("NEW");
            assertThat(f.at("/waiver/owner").asText()).isEqualTo("payments@example.com");
        });
    }

    /** The example without its eu-west-1 scope. */
    private Path usEastOnly() throws IOException {
        ObjectNode inventory = demoInventory();
        for (String array : new String[]{"scopes", "resources", "coverage", "telemetry"}) {
            Iterator<JsonNode> it = inventory.withArray(array).elements();
            while (it.hasNext()) {
                if ("eu-west-1".equals(it.next().path("region").asText())) {
                    it.remove();
                }
            }
        }
        return write(inventory);
    }

    @Test
    void aRegionNoLongerScanned_itsFailuresAreNotRecheckedNotResolved() throws IOException {
        Path usEastOnly = usEastOnly();

        CliUsageTest.Result r = evaluate(usEastOnly, tmp.resolve("pr"), "--baseline", baseline.toString());

        Matcher note = Pattern.compile("relyscan: note: --baseline " + Pattern.quote(baseline.toString())
                + " covers other accounts or regions than this run; (\\d+) baseline failure\\(s\\) in the 1 "
                + "scope\\(s\\) not scanned now are not rechecked \\(not counted as resolved\\)").matcher(r.err());
        assertThat(note.find()).as(r.err()).isTrue();
        long unchecked = Long.parseLong(note.group(1));
        assertThat(unchecked).isPositive();
        // (a us-east-1 resource may newly fail a rule that looks across regions: not what this test is about)
        assertThat(r.out()).containsPattern("failures \\d+ new, \\d+ persisting, 0 resolved, " + unchecked
                + " not rechecked");
    }

    @Test
    void aRegionTheBaselineDidNotCover_itsFailuresAreAllNew() throws IOException {
        Path narrow = tmp.resolve("narrow");
        evaluate(usEastOnly(), narrow, "--fail-on", "NONE");

        CliUsageTest.Result r = evaluate(DEMO_INVENTORY, tmp.resolve("pr"), "--baseline",
                narrow.resolve("relyscan-report.json").toString());

        assertThat(r.err()).contains("covers other accounts or regions than this run; every failure in the 1 "
                + "scope(s) the baseline did not cover is NEW").doesNotContain("not scanned now");
        assertThat(r.out()).containsPattern("failures [1-9]\\d* new, ");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    }

    @Test
    void anIncompleteScan_stillExits3_andItsUnseenBaselineFailuresAreNotRechecked() throws IOException {
        ObjectNode inventory = demoInventory();
        dbInstance(inventory, "billing-db").put("multiAz", false); // a NEW HIGH failure: 3 still wins over 1
        for (JsonNode entry : inventory.withArray("coverage")) {
            if ("us-east-1".equals(entry.path("region").asText())
                    && "autoscaling".equals(entry.path("service").asText())) {
                ((ObjectNode) entry).put("status", "PARTIAL").putArray("gaps").addObject()
                        .put("operation", "DescribeAutoScalingGroups").put("reason", "THROTTLED")
                        .put("message", "injected by test");
            }
        }
        // api-asg failed in the baseline; gone from an Auto Scaling collection that was not complete, it may have
        // been deleted or just not seen: not rechecked (and the other groups' findings are ERROR, not rechecked too)
        Iterator<JsonNode> resources = inventory.withArray("resources").elements();
        while (resources.hasNext()) {
            JsonNode r = resources.next();
            if ("AutoScalingGroup".equals(r.path("type").asText()) && "api-asg".equals(r.path("name").asText())) {
                resources.remove();
            }
        }

        CliUsageTest.Result r = evaluate(write(inventory), tmp.resolve("pr"), "--baseline", baseline.toString());

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).containsPattern("failures [1-9]\\d* new, \\d+ persisting, \\d+ resolved, [1-9]\\d* not "
                + "rechecked").contains("Scan INCOMPLETE").contains("(exit 3)");
    }

    @Test
    void anotherRuleCatalog_isWarnedAboutOnce() throws IOException {
        Path config = tmp.resolve("relyscan.yaml");
        Files.writeString(config, "version: 1\nrules:\n  rds-deletion-protection:\n    severity: HIGH\n");

        CliUsageTest.Result r = evaluate(DEMO_INVENTORY, tmp.resolve("pr"), "--baseline", baseline.toString(),
                "--config", config.toString());

        assertThat(r.err()).contains("relyscan: warning: --baseline " + baseline + " was evaluated with another "
                + "rule catalog").contains("so some findings may show as NEW or RESOLVED because of that");
        assertThat(r.err().lines().filter(l -> l.contains("another rule catalog")).count()).isEqualTo(1);
        assertThat(r.out()).contains("failures 0 new,");
    }

    @Test
    void aBaselineFromAnotherToolVersion_isWarnedAbout_withItsTextMadeSafeForTheTerminal() throws IOException {
        ObjectNode report = (ObjectNode) JSON.readTree(baseline.toFile());
        ((ObjectNode) report.get("catalog")).put("toolVersion", "0.0.9\u001b]0;owned\u0007")
                .put("digest", "0".repeat(64));
        Path older = tmp.resolve("older.json");
        JSON.writeValue(older.toFile(), report);

        CliUsageTest.Result r = evaluate(DEMO_INVENTORY, tmp.resolve("pr"), "--baseline", older.toString());

        assertThat(r.err()).contains("was evaluated with another rule catalog (relyscan 0.0.9")
                .contains("rules 000000000000; this run: relyscan ").doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    @Test
    void aBadBaseline_isAnInputErrorBeforeAnythingIsWritten() throws IOException {
        Path notJson = Files.writeString(tmp.resolve("notes.txt"), "not json\n");
        Path newerSchema = Files.writeString(tmp.resolve("v99.json"),
                Files.readString(baseline).replaceFirst("\"schemaVersion\" *: *\\d+", "\"schemaVersion\": 99"));

        assertRefused(tmp.resolve("missing.json"), "--baseline: " + tmp.resolve("missing.json")
                + ": not found (no such file); pass the JSON report (relyscan-report.json");
        assertRefused(notJson, "--baseline: " + notJson + ":1:1: malformed JSON");
        Path empty = Files.writeString(tmp.resolve("empty.json"), "\n");
        assertRefused(empty, "--baseline: " + empty + ": the file is empty; pass the JSON report");
        assertRefused(DEMO_INVENTORY, "--baseline: " + DEMO_INVENTORY + " is an inventory snapshot, not a scan "
                + "report; pass the JSON report");
        assertRefused(newerSchema, "--baseline: " + newerSchema + ":2:");
        assertRefused(newerSchema, "schemaVersion: unsupported report schema version");
        assertRefused(tmp, "--baseline: " + tmp + " is a directory");
    }

    private void assertRefused(Path badBaseline, String expected) {
        Path out = tmp.resolve("refused");
        CliUsageTest.Result r = evaluate(DEMO_INVENTORY, out, "--baseline", badBaseline.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("relyscan: error: ").contains(expected).doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void help_documentsTheBaselineGateAndTheExitCodes() {
        for (String command : new String[]{"scan", "evaluate", "merge"}) {
            String help = CliUsageTest.run(command, "--help").out().replaceAll("\\s+", " ");
            assertThat(help).as(command).contains("--baseline=REPORT.json")
                    .contains("Exit codes: 0 clean, 1 failing findings at or above --fail-on (with --baseline: "
                            + "NEW failing findings only)")
                    .contains("2 usage or input error").contains("3 ");
        }
        String root = CliUsageTest.run("--help").out().replaceAll("\\s+", " ");
        assertThat(root).contains("(with --baseline: NEW failing findings only)")
                .contains("2 wins over 3, and 3 over 1");
    }

    @Test
    void readme_exitCodes_stateTheBaselineRuleAndThePrecedence() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### Exit codes");
        assertThat(start).as("README has an Exit codes section").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n### ", start + 1));

        assertThat(section).contains("| 1 | at least one finding fails at or above `--fail-on`; with `--baseline`, "
                + "at least one NEW failing finding does").contains("When several apply, 2 wins over 3 and 3 over 1");
    }

    private static ObjectNode demoInventory() throws IOException {
        return (ObjectNode) JSON.readTree(DEMO_INVENTORY.toFile());
    }

    private static ObjectNode dbInstance(ObjectNode inventory, String identifier) {
        for (JsonNode r : (ArrayNode) inventory.get("resources")) {
            if ("DbInstance".equals(r.path("type").asText()) && identifier.equals(r.path("identifier").asText())) {
                return (ObjectNode) r;
            }
        }
        throw new AssertionError("the example has no DB instance " + identifier);
    }

    private Path write(ObjectNode inventory) throws IOException {
        Path file = tmp.resolve("changed-inventory.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), inventory);
        return file;
    }
}
