package io.relyscan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Framework;
import io.relyscan.rules.BuiltInRules;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole product against an emulated account: build {@link DemoAccountScenario} in moto, point the real CLI
 * at the {@link BackupOverlay} in front of it, and check every finding of the JSON report against the list
 * below, which is derived by hand from the scenario and each rule's documented semantics (its class comment and
 * {@code docs/rules/}): every finding accounted for, nothing extra.
 */
class ScanEndToEndTest {
    static final String E1 = DemoAccountScenario.PRIMARY;
    static final String W1 = DemoAccountScenario.SECONDARY;

    static final String R01 = "rds-instance-multi-az";
    static final String R02 = "rds-cluster-multi-az";
    static final String R03 = "rds-cluster-failover-target";
    static final String R04 = "rds-backup-retention";
    static final String R05 = "rds-deletion-protection";
    static final String R06 = "rds-storage-headroom";
    static final String R07 = "rds-enhanced-monitoring";
    static final String R08 = "rds-event-subscription";
    static final String R09 = "rds-cross-region-recovery";
    static final String R10 = "rds-durability-parameters";
    static final String R11 = "rds-subnet-group-az-span";
    static final String R12 = "asg-multi-az";
    static final String R13 = "asg-elb-health-check";
    static final String R14 = "asg-static-stability";
    static final String R16 = "asg-suspended-processes";
    static final String R18 = "asg-instance-diversity";
    static final String R19 = "asg-subnet-ip-headroom";
    static final String R20 = "ec2-az-distribution";
    static final String R22 = "ec2-health-events";
    static final String R23 = "ec2-detailed-monitoring";
    static final String R25 = "elb-multi-az";
    static final String R26 = "elb-cross-zone";
    static final String R27 = "elb-target-az-balance";
    static final String R28 = "elb-target-health";
    static final String R29 = "elb-deletion-protection";
    static final String R30 = "elb-graceful-deregistration";
    static final String R31 = "cw-alarm-has-actions";
    static final String R32 = "cw-alarm-actions-enabled";
    static final String R36 = "backup-plan-exists";
    static final String R37 = "backup-plan-effective";
    static final String R38 = "backup-plan-frequency-retention";
    static final String R39 = "backup-resource-assigned";
    static final String R43 = "backup-vault-immutability";
    static final String R45 = "backup-cross-region-copy";
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
        return expectedFindings(built.instanceIdsByAsg(), built.standaloneInstanceIds());
    }

    /**
     * The expected findings in {@link ReportJson.Row#key()} form.
     *
     * @param instanceIdsByAsg      the EC2 instances each Auto Scaling group holds, keyed "region/group-name"
     * @param standaloneInstanceIds the EC2 instances outside any group, keyed "region/Name-tag"
     */
    static List<String> expectedFindings(Map<String, List<String>> instanceIdsByAsg,
                                         Map<String, String> standaloneInstanceIds) {
        Expected e = new Expected();
        String[] e1Standalone = {"orders-db", "billing-db", "analytics-db", "reporting-db", "scratch-db"};
        String[] e1Members = {"payments-aurora-1", "payments-aurora-2", "catalog-aurora-1", "catalog-aurora-2"};
        String opsHost = standaloneInstanceIds.get(E1 + "/ops-host");
        String euBatchHost = standaloneInstanceIds.get(W1 + "/eu-batch-host");

        // R01 rds-instance-multi-az: standalone instances; Aurora members are left to R02 (NOT_APPLICABLE);
        // the replica inherits MultiAZ=true from orders-db in moto, so it passes.
        e.pass(R01, E1, "orders-db", "billing-db", "orders-db-replica");
        e.fail(R01, E1, "HIGH", "analytics-db", "reporting-db", "scratch-db");
        e.na(R01, E1, e1Members);
        e.pass(R01, W1, "eu-orders-db");
        e.fail(R01, W1, "HIGH", "eu-audit-db");

        // R02 rds-cluster-multi-az: distinct AZs of the members' instances.
        e.pass(R02, E1, "payments-aurora");
        e.fail(R02, E1, "HIGH", "catalog-aurora");

        // R03 rds-cluster-failover-target: payments-aurora's reader is in another zone than its writer;
        // catalog-aurora's only reader shares the writer's zone (the softer failure, one level below MEDIUM).
        e.pass(R03, E1, "payments-aurora");
        e.fail(R03, E1, "LOW", "catalog-aurora");

        // R04 rds-backup-retention: 0 days HIGH, below 7 days MEDIUM; replicas skipped; members judged on the
        // cluster.
        e.pass(R04, E1, "orders-db", "analytics-db", "payments-aurora");
        e.fail(R04, E1, "HIGH", "reporting-db");
        e.fail(R04, E1, "MEDIUM", "billing-db", "scratch-db", "catalog-aurora");
        e.na(R04, E1, "orders-db-replica");
        e.na(R04, E1, e1Members);
        e.pass(R04, W1, "eu-orders-db");
        e.fail(R04, W1, "MEDIUM", "eu-audit-db");

        // R05 rds-deletion-protection: instances and clusters; members judged on the cluster. The replica
        // inherits DeletionProtection=true in moto.
        e.pass(R05, E1, "orders-db", "billing-db", "orders-db-replica", "payments-aurora");
        e.fail(R05, E1, "MEDIUM", "analytics-db", "reporting-db", "scratch-db", "catalog-aurora");
        e.na(R05, E1, e1Members);
        e.pass(R05, W1, "eu-orders-db");
        e.fail(R05, W1, "MEDIUM", "eu-audit-db");

        // R06 rds-storage-headroom: MaxAllocatedStorage above the 50 GiB allocated passes (the replica copies
        // orders-db's 200 GiB in moto); without it autoscaling is off, the softer failure (LOW). Aurora members
        // use cluster storage.
        e.pass(R06, E1, "orders-db", "analytics-db", "orders-db-replica");
        e.fail(R06, E1, "LOW", "billing-db", "reporting-db", "scratch-db");
        e.na(R06, E1, e1Members);
        e.pass(R06, W1, "eu-orders-db");
        e.fail(R06, W1, "LOW", "eu-audit-db");

        // R07 rds-enhanced-monitoring: moto never returns MonitoringInterval, and a complete answer without it
        // is "not shown to be on": every RDS and Aurora instance fails (LOW), members included.
        e.fail(R07, E1, "LOW", e1Standalone);
        e.fail(R07, E1, "LOW", "orders-db-replica");
        e.fail(R07, E1, "LOW", e1Members);
        e.fail(R07, W1, "LOW", "eu-orders-db", "eu-audit-db");

        // R08 rds-event-subscription: us-east-1 subscribes db-instance and db-cluster to failure, failover and
        // maintenance; eu-west-1 has no subscription (one level below MEDIUM).
        e.pass(R08, E1, E1);
        e.fail(R08, W1, "LOW", W1);

        // R09 rds-cross-region-recovery: the backup plan copies to us-west-2 and eu-west-1, so what its selections
        // assign (R39's passes) is recoverable elsewhere; the rest fails at INFO (nothing is tier-1 without a
        // config).
        // The replica is judged through its source, members through their cluster.
        e.pass(R09, E1, "orders-db", "billing-db", "analytics-db", "payments-aurora");
        e.fail(R09, E1, "INFO", "reporting-db", "scratch-db", "catalog-aurora");
        e.na(R09, E1, "orders-db-replica");
        e.na(R09, E1, e1Members);
        e.fail(R09, W1, "INFO", "eu-orders-db", "eu-audit-db");

        // R10 rds-durability-parameters: one finding per parameter group in use. AWS default groups are at
        // engine defaults and pass (their names are moto's: it calls both Aurora clusters' group
        // default.aurora8.0 and names the Aurora MySQL instance group after the full engine version).
        e.pass(R10, E1, "default.postgres16", "default.mariadb10.11", "default.aurora-postgresql16",
                "default.aurora-mysql8.0.mysql_aurora.3.07", "default.aurora8.0", "mysql-durable");
        e.fail(R10, E1, "MEDIUM", "mysql-fast-commit");
        e.pass(R10, W1, "default.postgres16", "default.mysql8.0");

        // R11 rds-subnet-group-az-span: three zones pass, one zone fails, two zones fail at INFO.
        e.pass(R11, E1, "demo-db");
        e.fail(R11, E1, "LOW", "reporting-single-az");
        e.fail(R11, W1, "INFO", "demo-db");

        // R12 asg-multi-az: distinct AZs of the subnets (batch-asg: two subnets, one AZ).
        e.pass(R12, E1, "web-asg", "legacy-asg", "queue-asg", "worker-asg");
        e.fail(R12, E1, "HIGH", "api-asg", "batch-asg");
        e.pass(R12, W1, "eu-web-asg");

        // R13 asg-elb-health-check: attached + EC2 fails (target group or classic ELB); ELB without a traffic
        // source is the catalog's WARN (one level below MEDIUM); not attached with EC2 checks: nothing to check.
        e.pass(R13, E1, "web-asg");
        e.fail(R13, E1, "MEDIUM", "api-asg", "legacy-asg");
        e.fail(R13, E1, "LOW", "queue-asg");
        e.na(R13, E1, "batch-asg", "worker-asg");
        e.pass(R13, W1, "eu-web-asg");

        // R14 asg-static-stability: only groups behind a load balancer. web-asg: MinSize 3 and an InService
        // instance in each of its 3 zones; MinSize 1 fails; eu-web-asg has MinSize 2 but both instances in one
        // of its two zones (the softer failure).
        e.pass(R14, E1, "web-asg");
        e.fail(R14, E1, "MEDIUM", "api-asg", "legacy-asg");
        e.na(R14, E1, "batch-asg", "queue-asg", "worker-asg");
        e.fail(R14, W1, "LOW", "eu-web-asg");

        // R16 asg-suspended-processes: Launch suspended fails HIGH, AlarmNotification one level lower.
        e.pass(R16, E1, "web-asg", "api-asg", "legacy-asg", "worker-asg");
        e.fail(R16, E1, "HIGH", "batch-asg");
        e.fail(R16, E1, "MEDIUM", "queue-asg");
        e.pass(R16, W1, "eu-web-asg");

        // R18 asg-instance-diversity: only worker-asg has several instance types (and Capacity Rebalancing).
        e.pass(R18, E1, "worker-asg");
        e.fail(R18, E1, "LOW", "web-asg", "api-asg", "legacy-asg", "batch-asg", "queue-asg");
        e.fail(R18, W1, "LOW", "eu-web-asg");

        // R19 asg-subnet-ip-headroom: /24 subnets have room; worker-asg's two /28 subnets hold 21 free
        // addresses for the 29 it needs to reach MaxSize=30.
        e.pass(R19, E1, "web-asg", "api-asg", "legacy-asg", "batch-asg", "queue-asg");
        e.fail(R19, E1, "MEDIUM", "worker-asg");
        e.pass(R19, W1, "eu-web-asg");

        // R20 ec2-az-distribution (per region): us-east-1 runs 3 instances in each zone; every running instance
        // of eu-west-1 is in eu-west-1a.
        e.pass(R20, E1, E1);
        e.fail(R20, W1, "MEDIUM", W1);

        // R22 ec2-health-events: moto reports every instance ok/ok with no scheduled event.
        instanceIdsByAsg.forEach((asg, ids) -> e.pass(R22, regionOf(asg), ids.toArray(String[]::new)));
        e.pass(R22, E1, opsHost);
        e.pass(R22, W1, euBatchHost);

        // R23 ec2-detailed-monitoring: standalone instances only (group members are not applicable unless
        // tier-1): ops-host has detailed monitoring, eu-batch-host basic monitoring (LOW).
        instanceIdsByAsg.forEach((asg, ids) -> e.na(R23, regionOf(asg), ids.toArray(String[]::new)));
        e.pass(R23, E1, opsHost);
        e.fail(R23, W1, "LOW", euBatchHost);

        // R25 elb-multi-az: ALB over two AZs, NLB in one, CLB over two; in eu-west-1 a one-AZ CLB.
        e.pass(R25, E1, "web-alb", "legacy-clb");
        e.fail(R25, E1, "HIGH", "internal-nlb");
        e.pass(R25, W1, "eu-web-alb");
        e.fail(R25, W1, "HIGH", "eu-legacy-clb");

        // R26 elb-cross-zone: the ALB has it always on, the NLB turned it on; both classic ELBs keep the
        // classic default (off); eu-web-tg overrides eu-web-alb's to off.
        e.pass(R26, E1, "web-alb", "internal-nlb");
        e.fail(R26, E1, "MEDIUM", "legacy-clb");
        e.fail(R26, W1, "MEDIUM", "eu-web-alb", "eu-legacy-clb");

        // R27 elb-target-az-balance: web-tg has one healthy instance in each of web-alb's zones (its third, in
        // zone c, is outside them); internal-nlb is single-AZ; legacy-clb's only instance is in zone b with
        // cross-zone off; eu-web-tg's two instances are both in eu-west-1a with cross-zone off;
        // eu-legacy-clb is single-AZ.
        e.pass(R27, E1, "web-tg");
        e.na(R27, E1, "api-tg");
        e.fail(R27, E1, "MEDIUM", "legacy-clb");
        e.fail(R27, W1, "MEDIUM", "eu-web-tg");
        e.na(R27, W1, "eu-legacy-clb");

        // R28 elb-target-health: moto reports running targets healthy; the overlay fails api-tg's only target
        // (an outage, HIGH); eu-legacy-clb has no instance registered (the softer failure).
        e.pass(R28, E1, "web-tg", "legacy-clb");
        e.fail(R28, E1, "HIGH", "api-tg");
        e.pass(R28, W1, "eu-web-tg");
        e.fail(R28, W1, "MEDIUM", "eu-legacy-clb");

        // R29 elb-deletion-protection: set on web-alb only; classic ELBs have no such attribute.
        e.pass(R29, E1, "web-alb");
        e.fail(R29, E1, "MEDIUM", "internal-nlb");
        e.na(R29, E1, "legacy-clb");
        e.fail(R29, W1, "MEDIUM", "eu-web-alb");
        e.na(R29, W1, "eu-legacy-clb");

        // R30 elb-graceful-deregistration: legacy-clb drains connections, eu-legacy-clb does not; api-tg's
        // deregistration delay is 0, the others keep 300 s.
        e.pass(R30, E1, "legacy-clb", "web-tg");
        e.fail(R30, E1, "LOW", "api-tg");
        e.pass(R30, W1, "eu-web-tg");
        e.fail(R30, W1, "LOW", "eu-legacy-clb");

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

        // R37 backup-plan-effective: daily-35d has a rule with a lifecycle and a 180-minute completion window and
        // three selections; weekly-7d has no selection.
        e.pass(R37, E1, "daily-35d");
        e.fail(R37, E1, "HIGH", "weekly-7d");

        // R38 backup-plan-frequency-retention: daily for 35 days passes; weekly for 7 days fails.
        e.pass(R38, E1, "daily-35d");
        e.fail(R38, E1, "MEDIUM", "weekly-7d");

        // R43 backup-vault-immutability: nothing is tier-1 without a config, so every vault is judged one level
        // lower (INFO). demo-vault is not locked, locked-vault's compliance lock is still in its grace period (moto
        // dates it at least 3 days ahead), eu-dr-vault is locked in governance mode.
        e.fail(R43, E1, "INFO", "demo-vault", "locked-vault");
        e.fail(R43, W1, "INFO", "eu-dr-vault");

        // R45 backup-cross-region-copy: daily-35d copies to eu-dr-vault, which the scan saw in eu-west-1 (its
        // us-west-2 copy cannot be verified); weekly-7d copies only to a vault missing from the scanned eu-west-1
        // (MEDIUM, one level lower while nothing is tier-1).
        e.pass(R45, E1, "daily-35d");
        e.fail(R45, E1, "LOW", "weekly-7d");

        // R39 backup-resource-assigned: by ARN (billing-db), by ListOfTags backup=daily minus NotResources
        // (orders-db, its replica, payments-aurora, web-asg's instances, ops-host; not scratch-db), by
        // Conditions env=prod AND team like data-* (analytics-db; not reporting-db). Aurora members: the cluster
        // is the backup resource. Nothing is assigned in eu-west-1, which has no plan.
        e.pass(R39, E1, "orders-db", "billing-db", "analytics-db", "orders-db-replica", "payments-aurora");
        e.fail(R39, E1, "HIGH", "reporting-db", "scratch-db", "catalog-aurora");
        e.na(R39, E1, e1Members);
        e.fail(R39, W1, "HIGH", "eu-orders-db", "eu-audit-db");
        instanceIdsByAsg.forEach((asg, ids) -> {
            if (asg.equals(E1 + "/web-asg")) {
                e.pass(R39, regionOf(asg), ids.toArray(String[]::new));
            } else {
                e.fail(R39, regionOf(asg), "HIGH", ids.toArray(String[]::new));
            }
        });
        e.pass(R39, E1, opsHost);
        e.fail(R39, W1, "HIGH", euBatchHost);

        // R47 config-recorder-healthy: recording in us-east-1 (moto's lastStatus stays PENDING), none in
        // eu-west-1.
        e.pass(R47, E1, E1);
        e.fail(R47, W1, "HIGH", W1);
        return e.keys;
    }

    private static String regionOf(String regionSlashName) {
        return regionSlashName.substring(0, regionSlashName.indexOf('/'));
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
        // A region with no resources still needs a Config recorder; it needs no backup plan and no RDS event
        // subscription, and has no running instance to spread over zones.
        String empty = "ap-southeast-1";
        List<ReportJson.Row> inEmpty = report.findings().stream().filter(f -> f.region().equals(empty)).toList();
        assertThat(keys(inEmpty)).containsExactlyInAnyOrder(
                R47 + " | " + empty + " | " + empty + " | FAIL | HIGH",
                R36 + " | " + empty + " | " + empty + " | NOT_APPLICABLE",
                R08 + " | " + empty + " | " + empty + " | NOT_APPLICABLE",
                R20 + " | " + empty + " | " + empty + " | NOT_APPLICABLE");
        // The demo regions are judged as in the two-region scan.
        assertThat(keys(report.findings())).contains(
                R20 + " | " + E1 + " | " + E1 + " | PASS",
                R20 + " | " + W1 + " | " + W1 + " | FAIL | MEDIUM",
                R08 + " | " + E1 + " | " + E1 + " | PASS",
                R08 + " | " + W1 + " | " + W1 + " | FAIL | LOW");
    }

    @Test
    void scan_withFrameworkSoc2_evaluatesOnlyItsRules_andGroupsTheFindingsByControl() {
        org.junit.jupiter.api.Assumptions.assumeTrue(emulator.backend().equals("moto"),
                "the expected findings need every service");
        Path out = work.resolve("soc2");
        Cli.Run scan = Cli.run(Map.of(), "scan", "--framework", "soc2", "--endpoint-url",
                overlay.endpoint().toString(), "--region", E1, "--region", W1, "--output-dir", out.toString(),
                "--format", "json", "--deadline", "2m");
        ReportJson report = ReportJson.read(out);
        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(1);
        assertThat(report.complete()).isTrue();

        // Only the rules mapped to SOC 2, each listing a SOC 2 control, and only their findings.
        Set<String> soc2Rules = BuiltInRules.all().stream()
                .filter(r -> !r.metadata().controls(Framework.byId("soc2").orElseThrow()).isEmpty())
                .map(r -> r.metadata().id()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(report.ruleInputs().keySet()).isEqualTo(soc2Rules);
        report.rulesNode().forEach(r -> assertThat(r.path("controls").findValuesAsText("framework"))
                .as(r.path("id").asText() + " controls").contains("soc2"));
        assertFindings(report.findings(), expectedOnMoto().stream()
                .filter(k -> soc2Rules.contains(k.split(" \\| ")[0])).toList());

        JsonNode framework = report.framework();
        assertThat(framework.path("id").asText()).isEqualTo("soc2");
        assertThat(framework.path("controls").size()).isPositive();
        Map<String, Integer> byStatus = new TreeMap<>();
        for (JsonNode control : framework.path("controls")) {
            String id = control.path("id").asText();
            List<String> rules = control.path("rules").findValuesAsText("id");
            String status = control.path("status").asText();
            byStatus.merge(status, 1, Integer::sum);
            assertThat(soc2Rules).as(id + " rules").containsAll(rules);
            Map<String, Long> counted = report.findings().stream().filter(f -> rules.contains(f.ruleId()))
                    .collect(Collectors.groupingBy(ReportJson.Row::outcome, TreeMap::new, Collectors.counting()));
            for (String outcome : List.of("PASS", "FAIL", "NOT_APPLICABLE", "ERROR", "SUPPRESSED")) {
                assertThat(control.path("findings").path(outcome).asLong()).as(id + " " + outcome)
                        .isEqualTo(counted.getOrDefault(outcome, 0L));
            }
            String expectedStatus = rules.isEmpty() ? "MANUAL" : counted.containsKey("FAIL") ? "FAIL"
                    : counted.containsKey("ERROR") ? "ERROR" : counted.containsKey("PASS") ? "PASS" : "NOT_APPLICABLE";
            assertThat(status).as(id + " status").isEqualTo(expectedStatus);
        }
        // A1.2 (recovery infrastructure) gathers most rules and fails here; A1.3 (testing recovery) has no rule.
        assertThat(statusOf(framework, "A1.2")).isEqualTo("FAIL");
        assertThat(statusOf(framework, "A1.3")).isEqualTo("MANUAL");
        byStatus.forEach((status, n) -> assertThat(framework.path("byStatus").path(status).asInt())
                .as("byStatus " + status).isEqualTo(n));
    }

    @Test
    void scan_withAConfigFile_disablesARule_appliesItsParameters_andEscalatesTier1Failures() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(emulator.backend().equals("moto"),
                "the expected findings need every service");
        // The scenario tags its most important databases tier=1 (orders-db and its replica, billing-db,
        // payments-aurora, eu-orders-db).
        Path config = work.resolve("relyscan.yaml");
        Files.writeString(config, String.join("\n",
                "version: 1",
                "tier1:",
                "  tagKey: tier",
                "  tagValues: [\"1\"]",
                "rules:",
                "  " + R07 + ":",
                "    enabled: false",
                "  " + R04 + ":",
                "    parameters:",
                "      minimumRetentionDays: 3",
                ""));
        Path out = work.resolve("configured");
        Cli.Run scan = Cli.run(Map.of(), "scan", "--config", config.toString(), "--endpoint-url",
                overlay.endpoint().toString(), "--region", E1, "--region", W1, "--output-dir", out.toString(),
                "--format", "json", "--deadline", "2m");
        ReportJson report = ReportJson.read(out);
        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(1);
        assertThat(report.complete()).isTrue();

        // The disabled rule is neither listed nor evaluated.
        assertThat(report.ruleInputs()).doesNotContainKey(R07);
        assertThat(report.findings()).noneMatch(f -> f.ruleId().equals(R07));
        // The parameter is in effect in every finding of its rule.
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals(R04)).isNotEmpty();
        report.findingsNode().forEach(f -> {
            if (f.path("ruleId").asText().equals(R04)) {
                assertThat(f.path("parameters").path("minimumRetentionDays").asText()).as(f.toString())
                        .isEqualTo("3");
            }
        });
        // A tier-1 failure goes up one level and says so; the same failure on another resource does not.
        JsonNode billing = report.finding(R04, E1, "billing-db");
        assertThat(billing.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(billing.path("severity").asText()).isEqualTo("HIGH");
        assertThat(billing.path("evidence").path("tier1").asBoolean()).isTrue();
        assertThat(billing.path("evidence").path("severityAdjustedFrom").asText()).isEqualTo("MEDIUM");
        JsonNode scratch = report.finding(R04, E1, "scratch-db");
        assertThat(scratch.path("severity").asText()).isEqualTo("MEDIUM");
        assertThat(scratch.path("evidence").has("severityAdjustedFrom")).isFalse();

        // Every finding accounted for: the plain scan's, without R07, with eu-audit-db's 3 days now enough,
        // and the tier-1 failures escalated. R09 also judges a tier-1 database at MEDIUM instead of INFO,
        // which the escalation raises to HIGH.
        List<String> expected = new ArrayList<>(expectedOnMoto());
        expected.removeIf(k -> k.startsWith(R07 + " | "));
        replace(expected, R04, W1, "eu-audit-db", "FAIL | MEDIUM", "PASS");
        replace(expected, R04, E1, "billing-db", "FAIL | MEDIUM", "FAIL | HIGH");
        replace(expected, R06, E1, "billing-db", "FAIL | LOW", "FAIL | MEDIUM");
        replace(expected, R09, W1, "eu-orders-db", "FAIL | INFO", "FAIL | HIGH");
        replace(expected, R39, W1, "eu-orders-db", "FAIL | HIGH", "FAIL | CRITICAL");
        // daily-35d's selections cover tier-1 databases: the vaults it fills are judged at LOW, locked-vault
        // (only weekly-7d's, which selects nothing) and weekly-7d itself are then out of R43's and R45's scope.
        replace(expected, R43, E1, "demo-vault", "FAIL | INFO", "FAIL | LOW");
        replace(expected, R43, W1, "eu-dr-vault", "FAIL | INFO", "FAIL | LOW");
        replace(expected, R43, E1, "locked-vault", "FAIL | INFO", "NOT_APPLICABLE");
        replace(expected, R45, E1, "weekly-7d", "FAIL | LOW", "NOT_APPLICABLE");
        assertFindings(report.findings(), expected);
    }

    private static String statusOf(JsonNode framework, String controlId) {
        for (JsonNode control : framework.path("controls")) {
            if (control.path("id").asText().equals(controlId)) {
                return control.path("status").asText();
            }
        }
        throw new AssertionError("no control " + controlId + " in " + framework.path("id"));
    }

    /** Replaces the verdict (outcome and severity) of one expected finding. */
    private static void replace(List<String> keys, String rule, String region, String name, String from,
                                String to) {
        String prefix = rule + " | " + region + " | " + name + " | ";
        assertThat(keys).as("expected key to replace").contains(prefix + from);
        keys.set(keys.indexOf(prefix + from), prefix + to);
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
