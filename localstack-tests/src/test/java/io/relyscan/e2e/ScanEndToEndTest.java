package io.relyscan.e2e;

import io.relyscan.core.inventory.AwsService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole product against an emulated account: build {@link DemoAccountScenario} in moto, point the real CLI
 * at the {@link BackupOverlay} in front of it, and check every finding of the JSON report against the list
 * below, which is derived by hand from the scenario and the rule semantics of the catalog (rows R01, R02,
 * R04, R05, R12, R13, R25, R31, R32, R36, R39, R47): every finding accounted for, nothing extra.
 */
class ScanEndToEndTest {
    static final String E1 = DemoAccountScenario.PRIMARY;
    static final String W1 = DemoAccountScenario.SECONDARY;

    static final String R01 = "rds-instance-multi-az";
    static final String R02 = "rds-cluster-multi-az";
    static final String R04 = "rds-backup-retention";
    static final String R05 = "rds-deletion-protection";
    static final String R12 = "asg-multi-az";
    static final String R13 = "asg-elb-health-check";
    static final String R25 = "elb-multi-az";
    static final String R31 = "cw-alarm-has-actions";
    static final String R32 = "cw-alarm-actions-enabled";
    static final String R36 = "backup-plan-exists";
    static final String R39 = "backup-resource-assigned";
    static final String R47 = "config-recorder-healthy";

    private static Emulator emulator;
    private static BackupOverlay overlay;
    private static DemoAccountScenario.Built built;

    @TempDir
    static Path work;

    @BeforeAll
    static void buildAccount() {
        emulator = Emulator.start();
        overlay = BackupOverlay.start(emulator.endpoint());
        built = DemoAccountScenario.build(emulator, overlay);
    }

    @AfterAll
    static void stop() {
        if (overlay != null) {
            overlay.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void scan_ofTheDemoAccount_reportsExactlyTheExpectedFindings_andEvaluateOfItsInventoryAgrees() throws Exception {
        Path scanOut = work.resolve("scan");
        Path inventory = work.resolve("inventory.json");
        Cli.Run scan = Cli.run(Map.of(), "scan", "--endpoint-url", overlay.endpoint().toString(),
                "--region", E1, "--region", W1, "--output-dir", scanOut.toString(), "--format", "json",
                "--save-inventory", inventory.toString(), "--deadline", "2m");

        ReportJson report = ReportJson.read(scanOut);
        assertThat(report.schemaVersion()).as("schemaVersion").isEqualTo(1);
        assertThat(report.kind()).isEqualTo("relyscan-report");

        if (emulator.backend().equals("moto")) {
            assertThat(incompleteCoverage(report)).as("coverage entries not COMPLETE").isEmpty();
            assertThat(coveredServices(report)).as("every service in every region")
                    .isEqualTo(allServicesIn(E1, W1));
            assertThat(report.complete()).as("report complete").isTrue();
            assertFindings(report.findings(), expectedOnMoto());
            assertThat(scan.exitCode()).as("exit code (HIGH failures, complete scan)\n" + scan).isEqualTo(1);
        } else {
            // LocalStack community: only EC2, CloudWatch and Config exist; the rest of the scan is incomplete.
            Set<String> supported = Set.of(R31, R32, R47);
            assertThat(report.coverage()).filteredOn(c -> Set.of("ec2", "cloudwatch", "config").contains(c.service()))
                    .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo("COMPLETE"));
            assertFindings(report.findings().stream().filter(r -> supported.contains(r.ruleId())).toList(),
                    expectedOnMoto().stream().filter(k -> supported.contains(k.split(" \\| ")[0])).toList());
        }

        assertThat(inventory).as("saved inventory").isRegularFile();
        Path evalOut = work.resolve("evaluate");
        Cli.Run evaluate = Cli.run(Map.of(), "evaluate", "--inventory", inventory.toString(),
                "--output-dir", evalOut.toString(), "--format", "json");
        assertThat(evaluate.exitCode()).as(evaluate.toString()).isEqualTo(scan.exitCode());
        ReportJson reevaluated = ReportJson.read(evalOut);
        assertThat(keys(reevaluated.findings())).isEqualTo(keys(report.findings()));
        assertThat(reevaluated.findingsNode()).as("findings of evaluate --inventory, field by field")
                .isEqualTo(report.findingsNode());
        assertThat(reevaluated.complete()).isEqualTo(report.complete());
        assertThat(fileNames(scanOut)).as("the scan wrote its report and nothing else")
                .containsExactly(ReportJson.FILE_NAME);
        assertThat(fileNames(evalOut)).as("evaluate wrote its report and nothing else")
                .containsExactly(ReportJson.FILE_NAME);
    }

    private static List<String> fileNames(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** What the catalog says for each resource of {@link DemoAccountScenario}, on a backend with every service. */
    private static List<String> expectedOnMoto() {
        return expectedFindings(built.instanceIdsByAsg());
    }

    /**
     * The expected findings in {@link ReportJson.Row#key()} form.
     *
     * @param instanceIdsByAsg the EC2 instances each Auto Scaling group launched, keyed "region/group-name"
     */
    static List<String> expectedFindings(Map<String, List<String>> instanceIdsByAsg) {
        Expected e = new Expected();
        // R01 rds-instance-multi-az: standalone instances; Aurora members are left to R02 (NOT_APPLICABLE);
        // the replica inherits MultiAZ=true from orders-db in moto, so it passes.
        e.pass(R01, E1, "orders-db", "billing-db", "orders-db-replica");
        e.fail(R01, E1, "HIGH", "analytics-db", "reporting-db", "scratch-db");
        e.na(R01, E1, "payments-aurora-1", "payments-aurora-2", "catalog-aurora-1", "catalog-aurora-2");
        e.pass(R01, W1, "eu-orders-db");
        e.fail(R01, W1, "HIGH", "eu-audit-db");

        // R02 rds-cluster-multi-az: distinct AZs of the members' instances.
        e.pass(R02, E1, "payments-aurora");
        e.fail(R02, E1, "HIGH", "catalog-aurora");

        // R04 rds-backup-retention: 0 days HIGH, below 7 days MEDIUM; replicas skipped; members judged on the
        // cluster.
        e.pass(R04, E1, "orders-db", "analytics-db", "payments-aurora");
        e.fail(R04, E1, "HIGH", "reporting-db");
        e.fail(R04, E1, "MEDIUM", "billing-db", "scratch-db", "catalog-aurora");
        e.na(R04, E1, "orders-db-replica", "payments-aurora-1", "payments-aurora-2", "catalog-aurora-1",
                "catalog-aurora-2");
        e.pass(R04, W1, "eu-orders-db");
        e.fail(R04, W1, "MEDIUM", "eu-audit-db");

        // R05 rds-deletion-protection: instances and clusters; members judged on the cluster. The replica
        // inherits DeletionProtection=true in moto.
        e.pass(R05, E1, "orders-db", "billing-db", "orders-db-replica", "payments-aurora");
        e.fail(R05, E1, "MEDIUM", "analytics-db", "reporting-db", "scratch-db", "catalog-aurora");
        e.na(R05, E1, "payments-aurora-1", "payments-aurora-2", "catalog-aurora-1", "catalog-aurora-2");
        e.pass(R05, W1, "eu-orders-db");
        e.fail(R05, W1, "MEDIUM", "eu-audit-db");

        // R12 asg-multi-az: distinct AZs of the subnets (batch-asg: two subnets, one AZ).
        e.pass(R12, E1, "web-asg", "legacy-asg", "queue-asg");
        e.fail(R12, E1, "HIGH", "api-asg", "batch-asg");
        e.pass(R12, W1, "eu-web-asg");

        // R13 asg-elb-health-check: attached + EC2 fails (target group or classic ELB); ELB without a traffic
        // source is the catalog's WARN (one level below MEDIUM); not attached with EC2 checks: nothing to check.
        e.pass(R13, E1, "web-asg");
        e.fail(R13, E1, "MEDIUM", "api-asg", "legacy-asg");
        e.fail(R13, E1, "LOW", "queue-asg");
        e.na(R13, E1, "batch-asg");
        e.pass(R13, W1, "eu-web-asg");

        // R25 elb-multi-az: ALB over two AZs, NLB in one, CLB over two; in eu-west-1 a one-AZ CLB.
        e.pass(R25, E1, "web-alb", "legacy-clb");
        e.fail(R25, E1, "HIGH", "internal-nlb");
        e.pass(R25, W1, "eu-web-alb");
        e.fail(R25, W1, "HIGH", "eu-legacy-clb");

        // R31 cw-alarm-has-actions and R32 cw-alarm-actions-enabled.
        e.pass(R31, E1, "orders-db-cpu-high", "catalog-aurora-replica-lag");
        e.fail(R31, E1, "MEDIUM", "web-alb-5xx");
        e.pass(R31, W1, "eu-web-alb-latency");
        // An alarm without actions has nothing to mute: R32 does not apply to it (R31 already fails it).
        e.pass(R32, E1, "orders-db-cpu-high");
        e.na(R32, E1, "web-alb-5xx");
        e.fail(R32, E1, "HIGH", "catalog-aurora-replica-lag");
        e.pass(R32, W1, "eu-web-alb-latency");

        // R36 backup-plan-exists: per region holding databases.
        e.pass(R36, E1, E1);
        e.fail(R36, W1, "HIGH", W1);

        // R39 backup-resource-assigned: by ARN (billing-db), by ListOfTags backup=daily minus NotResources
        // (orders-db, its replica, payments-aurora, web-asg's instance; not scratch-db), by Conditions
        // env=prod AND team like data-* (analytics-db; not reporting-db). Aurora members: the cluster is the
        // backup resource. Nothing is assigned in eu-west-1, which has no plan.
        e.pass(R39, E1, "orders-db", "billing-db", "analytics-db", "orders-db-replica", "payments-aurora");
        e.fail(R39, E1, "HIGH", "reporting-db", "scratch-db", "catalog-aurora");
        e.na(R39, E1, "payments-aurora-1", "payments-aurora-2", "catalog-aurora-1", "catalog-aurora-2");
        e.fail(R39, W1, "HIGH", "eu-orders-db", "eu-audit-db");
        instanceIdsByAsg.forEach((asg, ids) -> {
            String region = asg.substring(0, asg.indexOf('/'));
            for (String id : ids) {
                if (asg.equals(E1 + "/web-asg")) {
                    e.pass(R39, region, id);
                } else {
                    e.fail(R39, region, "HIGH", id);
                }
            }
        });

        // R47 config-recorder-healthy: recording in us-east-1 (moto's lastStatus stays PENDING), none in
        // eu-west-1.
        e.pass(R47, E1, E1);
        e.fail(R47, W1, "HIGH", W1);
        return e.keys;
    }

    @Test
    void scan_withAllRegionsAndTheEndpointFromTheEnvironment_scansEveryEnabledRegion() {
        org.junit.jupiter.api.Assumptions.assumeTrue(emulator.backend().equals("moto"),
                "moto reports a fixed list of enabled regions");
        Path out = work.resolve("all-regions");
        Cli.Run scan = Cli.run(Map.of("AWS_ENDPOINT_URL", overlay.endpoint().toString()), "scan", "--all-regions",
                "--output-dir", out.toString(), "--format", "json", "--deadline", "2m");
        ReportJson report = ReportJson.read(out);
        Set<String> regions = report.coverage().stream().map(ReportJson.CoverageRow::region)
                .collect(Collectors.toCollection(TreeSet::new));
        // moto marks 20 regions opt-in-not-required and the rest (me-south-1, cn-*, us-gov-*, ...) not opted in.
        assertThat(regions).as(scan.toString()).hasSize(20).contains(E1, W1, "ap-southeast-1")
                .doesNotContain("me-south-1", "cn-north-1", "us-gov-west-1");
        assertThat(incompleteCoverage(report)).as("coverage entries not COMPLETE").isEmpty();
        assertThat(report.complete()).isTrue();
        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(1);
        // A region with no resources still needs a Config recorder, and needs no backup plan.
        assertThat(keys(report.findings())).contains(
                "config-recorder-healthy | ap-southeast-1 | ap-southeast-1 | FAIL | HIGH",
                "backup-plan-exists | ap-southeast-1 | ap-southeast-1 | NOT_APPLICABLE");
    }

    static void assertFindings(List<ReportJson.Row> actual, List<String> expected) {
        Set<String> actualKeys = keys(actual);
        Set<String> expectedKeys = new TreeSet<>(expected);
        assertThat(expected).as("expected list has duplicates").doesNotHaveDuplicates();
        Set<String> missing = new TreeSet<>(expectedKeys);
        missing.removeAll(actualKeys);
        Set<String> extra = new TreeSet<>(actualKeys);
        extra.removeAll(expectedKeys);
        String detail = actual.stream().filter(r -> extra.contains(r.key()))
                .map(r -> r.key() + " :: " + r.message()).collect(Collectors.joining("\n"));
        assertThat(actual).as("findings count (duplicates?)").hasSize(actualKeys.size());
        assertThat(List.of(missing, extra)).as("[missing, unexpected] findings; the unexpected ones say:\n"
                + detail).containsExactly(Set.of(), Set.of());
    }

    private static Set<String> keys(List<ReportJson.Row> rows) {
        return rows.stream().map(ReportJson.Row::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> incompleteCoverage(ReportJson report) {
        return report.coverage().stream().filter(c -> !c.status().equals("COMPLETE")).map(Object::toString)
                .toList();
    }

    private static Set<String> coveredServices(ReportJson report) {
        return report.coverage().stream().map(c -> c.region() + "/" + c.service())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> allServicesIn(String... regions) {
        Set<String> all = new TreeSet<>();
        for (String region : regions) {
            for (AwsService s : AwsService.values()) {
                all.add(region + "/" + s.id());
            }
        }
        return all;
    }

    /** Collects expected (rule, region, resource, outcome[, severity]) keys in {@link ReportJson.Row#key()} form. */
    private static final class Expected {
        final List<String> keys = new ArrayList<>();

        void pass(String rule, String region, String... names) {
            add(rule, region, "PASS", null, names);
        }

        void na(String rule, String region, String... names) {
            add(rule, region, "NOT_APPLICABLE", null, names);
        }

        void fail(String rule, String region, String severity, String... names) {
            add(rule, region, "FAIL", severity, names);
        }

        private void add(String rule, String region, String outcome, String severity, String... names) {
            for (String name : names) {
                keys.add(new ReportJson.Row(rule, region, name, null, outcome, severity, null).key());
            }
        }
    }
}
