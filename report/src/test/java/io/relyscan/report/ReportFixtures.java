package io.relyscan.report;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.OperationCoverage;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.ArnPattern;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverSet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed inventory and findings behind the golden files. Rules and findings are made by hand here: the
 * report module must not depend on the real rules.
 */
public final class ReportFixtures {
    public static final String TOOL_VERSION = "0.1.0-test";
    public static final String OTHER_ACCOUNT = "444455556666";
    /** A database whose name tries to recolour the terminal and forge a line of its own. */
    public static final String HOSTILE_DB = "evil\u001b[31m-db\r\n[PASS] all clear\u0007";

    public static final RuleMetadata RDS_MULTI_AZ = rule("rds-instance-multi-az", "R01",
            "RDS instance is Multi-AZ", Severity.HIGH, "DbInstance", List.of(), Set.of(AwsService.RDS));
    public static final RuleMetadata RDS_BACKUP_RETENTION = rule("rds-backup-retention", "R03",
            "RDS automated backups are kept long enough", Severity.MEDIUM, "DbInstance",
            List.of(RuleParameter.integer("minRetentionDays", 7, 1, "Fewest days of automated backups to keep.")),
            Set.of(AwsService.RDS));
    public static final RuleMetadata ASG_MULTI_AZ = rule("asg-multi-az", "R10",
            "Auto Scaling group spans several availability zones", Severity.HIGH, "AutoScalingGroup", List.of(),
            Set.of(AwsService.AUTOSCALING, AwsService.EC2));
    public static final RuleMetadata ALARM_HAS_ACTION = rule("alarm-has-action", "R30",
            "Alarm notifies someone when it fires", Severity.LOW, "Alarm",
            List.of(RuleParameter.bool("requireOkAction", false, "Also require an action on return to OK.")),
            Set.of(AwsService.CLOUDWATCH));
    public static final RuleMetadata BACKUP_COVERS_RDS = rule("backup-plan-covers-rds", "R40",
            "RDS instance is protected by an AWS Backup plan", Severity.CRITICAL, "DbInstance", List.of(),
            Set.of(AwsService.BACKUP, AwsService.RDS));
    public static final RuleMetadata CONFIG_RECORDING = rule("config-recorder-enabled", "R55",
            "AWS Config records configuration changes", Severity.MEDIUM, "Region", List.of(),
            Set.of(AwsService.CONFIG));

    private ReportFixtures() {
    }

    static RuleMetadata rule(String id, String catalogId, String title, Severity severity, String resourceType,
                             List<RuleParameter> parameters, Set<AwsService> inputs) {
        return new RuleMetadata(id, catalogId, title, severity, resourceType,
                "Why " + id + " matters: a single failure should not take the workload down.",
                "How to fix " + id + ": see the rule documentation.",
                List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                        ControlRef.anchored(Framework.SOC2, "A1.2"),
                        ControlRef.proposed(Framework.ISO27001, "A.8.14"),
                        ControlRef.anchored(Framework.NIST_800_53, "CP-10")),
                parameters, inputs);
    }

    public static List<RuleMetadata> rules() {
        return List.of(RDS_MULTI_AZ, RDS_BACKUP_RETENTION, ASG_MULTI_AZ, ALARM_HAS_ACTION, BACKUP_COVERS_RDS,
                CONFIG_RECORDING);
    }

    /** Two accounts, three scopes, every resource type, one PARTIAL and one FAILED service, telemetry. */
    public static Inventory inventory() {
        Inventory base = InventoryFixture.create()
                .zone("us-east-1a", "availability-zone")
                .zone("us-east-1b", "availability-zone")
                .subnet("subnet-a", "us-east-1a")
                .subnet("subnet-b", "us-east-1b")
                .ec2Instance("i-0123456789abcdef0", i -> i.tag("Name", "web-1").tag("Owner", "web-team"))
                .dbInstance("orders-db", db -> db.multiAz(false).tag("Owner", "payments"))
                .dbInstance("billing-db", db -> db)
                .dbInstance(HOSTILE_DB, db -> db.multiAz(false).tag("Owner", "\u001b]0;pwned\u0007team\u202Eevil"))
                .dbInstance("orders-1", db -> db.engine("aurora-postgresql").cluster("orders-cluster"))
                .dbCluster("orders-cluster", c -> c.member("orders-1", true).member("orders-2", false))
                .autoScalingGroup("web-asg", a -> a.azs("us-east-1a").subnets("subnet-a")
                        .trafficSource("web-tg", "elbv2"))
                .loadBalancer("web-alb", lb -> lb.attribute("load_balancing.cross_zone.enabled", "true"))
                .loadBalancer("legacy-elb", lb -> lb.type("classic").attributesNotCollected())
                .targetGroup("web-tg", tg -> tg.target("i-0123456789abcdef0", "us-east-1a", "healthy"))
                .alarm("web-cpu-high", a -> a)
                .alarm("composite-ops", a -> a.composite("ALARM(web-cpu-high)").alarmActions())
                .backupPlan("plan-daily", p -> p)
                .backupSelection("plan-daily", "sel-rds", s -> s.resources("arn:aws:rds:*:*:db:*")
                        .tagEquals("backup", "daily"))
                .backupVault("Default")
                .configRecorder("default", c -> c)
                .region("eu-west-1")
                .dbInstance("reports-db", db -> db.multiAz(false).backupRetention(0))
                .coverage(AwsService.CLOUDWATCH, CollectionStatus.PARTIAL, GapReason.THROTTLED)
                .scope(OTHER_ACCOUNT, "us-east-1")
                .autoScalingGroup("batch-asg", a -> a)
                .failed(AwsService.BACKUP)
                .build();
        List<EndpointTelemetry> telemetry = List.of(
                new EndpointTelemetry(InventoryFixture.ACCOUNT, "us-east-1", AwsService.RDS, 4, 5, 1, 1,
                        Map.of("THROTTLING", 1L), List.of(), 412),
                new EndpointTelemetry(InventoryFixture.ACCOUNT, "eu-west-1", AwsService.CLOUDWATCH, 3, 9, 6, 6,
                        Map.of("THROTTLING", 6L), List.of(), 5120),
                new EndpointTelemetry(OTHER_ACCOUNT, "us-east-1", AwsService.BACKUP, 1, 3, 2, 0,
                        Map.of("ACCESS_DENIED", 1L, "SERVICE_ERROR", 2L), List.of("CLOSED_TO_OPEN"), 96));
        Coverage coverage = Coverage.of(base.coverage().entries().stream().map(ReportFixtures::withOperations)
                .toList());
        return Inventory.of(base.capturedAt(), base.scopes(), base.resources(), coverage, telemetry);
    }

    /** The operations a scan would have recorded for a few entries of the fixture. */
    private static CoverageEntry withOperations(CoverageEntry e) {
        List<OperationCoverage> ops;
        if (e.service() == AwsService.RDS && e.region().equals("us-east-1")
                && e.account().equals(InventoryFixture.ACCOUNT)) {
            ops = List.of(new OperationCoverage("DescribeDBClusters", 1, Map.of()),
                    new OperationCoverage("DescribeDBInstances", 2, Map.of()));
        } else if (e.service() == AwsService.CLOUDWATCH && e.region().equals("eu-west-1")) {
            List<OperationCoverage> alarms = new ArrayList<>(List.of(new OperationCoverage("DescribeAlarms", 1,
                    Map.of())));
            e.gaps().forEach(g -> alarms.add(new OperationCoverage(g.operation(), 2,
                    Map.of(g.reason().name(), 1L))));
            ops = alarms;
        } else if (e.service() == AwsService.BACKUP && e.account().equals(OTHER_ACCOUNT)) {
            ops = e.gaps().stream().map(g -> new OperationCoverage(g.operation(), 1,
                    Map.of(g.reason().name(), 1L))).toList();
        } else {
            return e;
        }
        return new CoverageEntry(e.account(), e.region(), e.service(), e.status(), e.gaps(), ops);
    }

    public static List<Finding> findings(Inventory inv) {
        List<Finding> out = new ArrayList<>();
        RuleContext multiAz = RuleContext.withDefaults(RDS_MULTI_AZ, inv);
        out.add(multiAz.on(db(inv, "orders-db")).evidence("multiAz", false).evidence("engine", "postgres")
                .evidence("secondaryAvailabilityZone", null)
                .fail("single-AZ instance: MultiAZ is false, one zone outage takes it down"));
        out.add(multiAz.on(db(inv, "billing-db")).evidence("multiAz", true).pass("Multi-AZ: standby in another zone"));
        out.add(multiAz.on(db(inv, HOSTILE_DB)).evidence("multiAz", false)
                .evidence("tags", db(inv, HOSTILE_DB).tags())
                .fail("single-AZ instance (Owner tag: \u001b]0;pwned\u0007team\u202Eevil)\r\n[PASS] forged line"));
        out.add(multiAz.on(db(inv, "reports-db")).evidence("multiAz", false)
                .fail("single-AZ instance: MultiAZ is false"));
        out.add(multiAz.on(db(inv, "orders-1")).evidence("clusterIdentifier", "orders-cluster")
                .notApplicable("cluster member: availability is decided by cluster orders-cluster"));

        RuleContext retention = RuleContext.withDefaults(RDS_BACKUP_RETENTION, inv);
        out.add(retention.on(db(inv, "reports-db")).evidence("backupRetentionPeriod", 0)
                .fail("automated backups are disabled (retention 0 days, minimum 7)"));
        out.add(retention.on(db(inv, "orders-db")).evidence("backupRetentionPeriod", 7)
                .pass("backups kept 7 days (minimum 7)"));

        RuleContext asg = RuleContext.withDefaults(ASG_MULTI_AZ, inv);
        out.add(asg.on(resource(inv, "web-asg")).evidence("availabilityZones", List.of("us-east-1a"))
                .evidence("zoneCount", 1).evidence("healthyRatio", 0.5)
                .fail("runs in 1 availability zone (us-east-1a); at least 2 are needed"));
        out.add(asg.on(resource(inv, "batch-asg")).evidence("availabilityZones", List.of("us-east-1a", "us-east-1b"))
                .evidence("zoneCount", 2).pass("runs in 2 availability zones"));

        RuleContext alarms = RuleContext.withDefaults(ALARM_HAS_ACTION, inv);
        out.add(alarms.on(resource(inv, "web-cpu-high")).evidence("alarmActions", 1).pass("1 alarm action"));
        out.add(alarms.on(resource(inv, "composite-ops")).evidence("alarmActions", List.of())
                .evidence("actionsEnabled", true).fail("no action runs when the alarm fires"));
        out.add(alarms.on(ScanScope.of(InventoryFixture.ACCOUNT, "eu-west-1"))
                .evidence("incompleteInputs", List.of("cloudwatch PARTIAL (Describe: THROTTLED)"))
                .error("inputs not completely collected in 111122223333/eu-west-1: cloudwatch PARTIAL"
                        + " (Describe: THROTTLED)"));

        RuleContext backup = RuleContext.withDefaults(BACKUP_COVERS_RDS, inv);
        out.add(backup.on(db(inv, "orders-db")).evidence("matchingSelections", List.of())
                .evidence("plansChecked", 1).evidence("resolution", Map.of("byArn", false, "byTag", false))
                .fail("no backup plan selects this instance"));
        out.add(backup.on(db(inv, "billing-db")).evidence("matchingSelections", List.of("sel-rds"))
                .pass("selected by plan-daily/sel-rds"));
        out.add(backup.on(db(inv, "reports-db")).evidence("matchingSelections", List.of())
                .fail("no backup plan selects this instance")); // waived by WAIVER-12, see waivers()
        out.add(backup.on(ScanScope.of(OTHER_ACCOUNT, "us-east-1"))
                .evidence("incompleteInputs", List.of("backup FAILED (Describe: ACCESS_DENIED)"))
                .error("inputs not completely collected in 444455556666/us-east-1: backup FAILED"
                        + " (Describe: ACCESS_DENIED)"));

        RuleContext config = RuleContext.withDefaults(CONFIG_RECORDING, inv);
        out.add(config.on(ScanScope.of(InventoryFixture.ACCOUNT, "us-east-1")).evidence("recorders", List.of("default"))
                .evidence("recording", true).pass("recorder default is recording all resource types"));
        out.add(config.on(ScanScope.of(InventoryFixture.ACCOUNT, "eu-west-1")).evidence("recorders", List.of())
                .fail(Severity.LOW, "no configuration recorder in this region"));
        return out;
    }

    /**
     * The report every golden file is made from: the fixture's findings, with {@link #waivers()} applied and
     * compared with {@link #baselineReport()}.
     */
    public static ScanReport report() {
        ScanReport current = waivers().apply(unwaivedReport());
        return current.withBaseline(BaselineComparison.of("baseline/relyscan-report.json", baselineReport(),
                current));
    }

    /** The fixture's findings as the rules decided them: no waivers, no baseline. */
    public static ScanReport unwaivedReport() {
        Inventory inv = inventory();
        return ScanReport.of(TOOL_VERSION, inv, rules(), findings(inv));
    }

    /**
     * One waiver that suppresses the reports-db backup failure, one that expired before the capture (so web-asg
     * stays FAIL and the expiry is reported), and one whose text is hostile and which matches nothing.
     */
    public static WaiverSet waivers() {
        return new WaiverSet(List.of(
                new Waiver("WAIVER-12", BACKUP_COVERS_RDS.id(),
                        ArnPattern.of("arn:aws:rds:eu-west-1:" + InventoryFixture.ACCOUNT + ":db:reports-*"), null,
                        null, "Reporting replica, rebuilt nightly from orders-db; it is never restored.",
                        "data-platform@example.com", LocalDate.parse("2027-01-31"), "waivers.yaml:2"),
                new Waiver(null, ASG_MULTI_AZ.id(), null, InventoryFixture.ACCOUNT, "us-east-1",
                        "Single-zone until the capacity reservation moves, tracked in OPS-7.", "web-team",
                        LocalDate.parse("2026-10-31"), "waivers.yaml:10"),
                new Waiver("<script>alert('w')</script>", ALARM_HAS_ACTION.id(), ArnPattern.of("*"), OTHER_ACCOUNT,
                        null, "Quiet alarms \"<b>by design</b>\" & =cmd|' /C calc'!A0, see <img src=x onerror=alert(1)>.",
                        "\u001b[31mops\u001b[0m <team@example.com>", null, "waivers.yaml:16")));
    }

    /**
     * An earlier scan: orders-db (Multi-AZ) and web-asg failed then too (PERSISTING); billing-db failed then and
     * passes now, old-db failed then and is gone from a scope scanned whole (both RESOLVED); a failure in a
     * region this scan did not cover is not rechecked. Every other failure of {@link #report()} is NEW.
     */
    public static ScanReport baselineReport() {
        Inventory inv = InventoryFixture.create()
                .capturedAt(InventoryFixture.CAPTURED_AT.minus(java.time.Duration.ofDays(7)))
                .zone("us-east-1a", "availability-zone")
                .dbInstance("orders-db", db -> db.multiAz(false))
                .dbInstance("billing-db", db -> db.multiAz(false))
                .dbInstance("old-db", db -> db.multiAz(false))
                .autoScalingGroup("web-asg", a -> a.azs("us-east-1a"))
                .region("ap-south-1")
                .dbInstance("mumbai-db", db -> db.multiAz(false))
                .build();
        RuleContext multiAz = RuleContext.withDefaults(RDS_MULTI_AZ, inv);
        RuleContext asg = RuleContext.withDefaults(ASG_MULTI_AZ, inv);
        List<Finding> findings = List.of(
                multiAz.on(db(inv, "orders-db")).evidence("multiAz", false).fail("single-AZ instance"),
                multiAz.on(db(inv, "billing-db")).evidence("multiAz", false).fail("single-AZ instance"),
                multiAz.on(db(inv, "old-db")).evidence("multiAz", false).fail("single-AZ instance"),
                multiAz.on(db(inv, "mumbai-db")).evidence("multiAz", false).fail("single-AZ instance"),
                asg.on(resource(inv, "web-asg")).evidence("zoneCount", 1).fail("runs in 1 availability zone"));
        return ScanReport.of(TOOL_VERSION, inv, List.of(RDS_MULTI_AZ, ASG_MULTI_AZ), findings);
    }

    /** A report where everything was collected and nothing failed. */
    public static ScanReport cleanReport() {
        Inventory inv = InventoryFixture.create().dbInstance("billing-db", db -> db).build();
        RuleContext ctx = RuleContext.withDefaults(RDS_MULTI_AZ, inv);
        Finding pass = ctx.on(db(inv, "billing-db")).evidence("multiAz", true).pass("Multi-AZ");
        return ScanReport.of(TOOL_VERSION, inv, List.of(RDS_MULTI_AZ), List.of(pass));
    }

    static DbInstance db(Inventory inv, String identifier) {
        return inv.all(DbInstance.class).stream().filter(d -> d.identifier().equals(identifier)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no DB " + identifier));
    }

    static Resource resource(Inventory inv, String name) {
        return inv.resources().stream().filter(r -> r.displayName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no resource " + name));
    }
}
