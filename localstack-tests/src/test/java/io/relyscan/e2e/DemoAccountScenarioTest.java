package io.relyscan.e2e;

import io.relyscan.core.inventory.AwsService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.backup.model.BackupSelectionsListMember;
import software.amazon.awssdk.services.backup.model.GetBackupSelectionResponse;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the demo account and reads it back through the overlay with the AWS SDK: checks that the emulator
 * holds what the scanner is expected to see (and that the overlay's Backup payloads parse in the SDK), so a
 * failure of the end-to-end scan can be told apart from a broken scenario.
 */
class DemoAccountScenarioTest {
    private static Emulator emulator;
    private static BackupOverlay overlay;
    private static DemoAccountScenario.Built built;

    @BeforeAll
    static void build() {
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
    void rds_holdsTheDesignedInstancesAndClusters() {
        assumeTrue(emulator.supports(AwsService.RDS));
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.PRIMARY)) {
            Map<String, DBInstance> dbs = c.rds.describeDBInstances().dbInstances().stream()
                    .collect(Collectors.toMap(DBInstance::dbInstanceIdentifier, d -> d, (a, b) -> a, TreeMap::new));
            assertThat(dbs).containsOnlyKeys("orders-db", "billing-db", "analytics-db", "reporting-db", "scratch-db",
                    "orders-db-replica", "payments-aurora-1", "payments-aurora-2", "catalog-aurora-1",
                    "catalog-aurora-2");
            assertThat(dbs.get("reporting-db").multiAZ()).isFalse();
            assertThat(dbs.get("reporting-db").backupRetentionPeriod()).isZero();
            assertThat(dbs.get("orders-db").multiAZ()).isTrue();
            DBInstance replica = dbs.get("orders-db-replica");
            assertThat(replica.readReplicaSourceDBInstanceIdentifier()).isEqualTo("orders-db");
            assertThat(replica.multiAZ()).as("moto: a replica inherits MultiAZ").isTrue();
            assertThat(replica.deletionProtection()).as("moto: a replica inherits DeletionProtection").isTrue();
            assertThat(dbs.get("catalog-aurora-2").availabilityZone()).isEqualTo("us-east-1a");
            assertThat(dbs.get("payments-aurora-2").availabilityZone()).isEqualTo("us-east-1b");
            assertThat(replica.tagList()).as("moto: a replica copies the source's tags")
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("backup=daily"));

            Map<String, DBCluster> clusters = c.rds.describeDBClusters().dbClusters().stream()
                    .collect(Collectors.toMap(DBCluster::dbClusterIdentifier, d -> d));
            assertThat(clusters).containsOnlyKeys("payments-aurora", "catalog-aurora");
            assertThat(clusters.get("payments-aurora").dbClusterMembers()).hasSize(2);
            assertThat(clusters.get("catalog-aurora").dbClusterMembers()).hasSize(2);
            assertThat(clusters.get("payments-aurora").dbClusterMembers())
                    .extracting(m -> m.dbInstanceIdentifier() + (m.isClusterWriter() ? " writer" : " reader"))
                    .containsExactly("payments-aurora-1 writer", "payments-aurora-2 reader");
            // moto omits PubliclyAccessible unless it was given at creation; the scenario always gives it.
            assertThat(dbs.values()).allSatisfy(d -> assertThat(d.publiclyAccessible()).as(d.dbInstanceIdentifier())
                    .isFalse());
            assertThat(dbs.get("orders-db").maxAllocatedStorage()).isEqualTo(200);
            assertThat(dbs.get("billing-db").maxAllocatedStorage()).isNull();
            assertThat(dbs.get("reporting-db").dbParameterGroups()).extracting(g -> g.dbParameterGroupName())
                    .containsExactly("mysql-fast-commit");
            assertThat(c.rds.describeDBParameters(r -> r.dbParameterGroupName("mysql-fast-commit")).parameters())
                    .extracting(p -> p.parameterName() + "=" + p.parameterValue())
                    .contains("sync_binlog=0", "innodb_flush_log_at_trx_commit=2");
            assertThat(c.rds.describeEventSubscriptions().eventSubscriptionsList())
                    .extracting(e -> e.custSubscriptionId() + " " + e.sourceType() + " " + e.enabled())
                    .containsExactlyInAnyOrder("db-instance-alerts db-instance true",
                            "db-cluster-alerts db-cluster true");
        }
    }

    @Test
    void backupSelections_areServedByTheOverlayInTheShapeTheSdkParses() {
        assumeTrue(emulator.supports(AwsService.BACKUP));
        String planId = built.backupPlanIds().get("us-east-1/daily-35d");
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.PRIMARY)) {
            assertThat(c.backup.listBackupPlans().backupPlansList()).extracting(p -> p.backupPlanId())
                    .containsExactlyInAnyOrder(planId, built.backupPlanIds().get("us-east-1/weekly-7d"));
            List<BackupSelectionsListMember> list = c.backup.listBackupSelections(r -> r.backupPlanId(planId))
                    .backupSelectionsList();
            assertThat(list).extracting(BackupSelectionsListMember::selectionName)
                    .containsExactly("critical-by-arn", "tagged-daily", "prod-data");
            assertThat(list).allSatisfy(m -> {
                assertThat(m.backupPlanId()).isEqualTo(planId);
                assertThat(m.creationDate()).isNotNull();
            });
            GetBackupSelectionResponse tagged = c.backup.getBackupSelection(r -> r.backupPlanId(planId)
                    .selectionId(list.get(1).selectionId()));
            assertThat(tagged.backupSelection().listOfTags()).singleElement().satisfies(t -> {
                assertThat(t.conditionTypeAsString()).isEqualTo("STRINGEQUALS");
                assertThat(t.conditionKey()).isEqualTo("backup");
                assertThat(t.conditionValue()).isEqualTo("daily");
            });
            assertThat(tagged.backupSelection().notResources())
                    .containsExactly("arn:aws:rds:us-east-1:" + built.account() + ":db:scratch-db");
            GetBackupSelectionResponse prod = c.backup.getBackupSelection(r -> r.backupPlanId(planId)
                    .selectionId(list.get(2).selectionId()));
            assertThat(prod.backupSelection().conditions().stringEquals()).singleElement()
                    .satisfies(p -> assertThat(p.conditionKey()).isEqualTo("aws:ResourceTag/env"));
            assertThat(prod.backupSelection().conditions().stringLike()).singleElement()
                    .satisfies(p -> assertThat(p.conditionValue()).isEqualTo("data-*"));
        }
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.SECONDARY)) {
            assertThat(c.backup.listBackupPlans().backupPlansList()).isEmpty();
            assertThat(c.backup.listBackupVaults().backupVaultList()).extracting(v -> v.backupVaultName())
                    .containsExactly("eu-dr-vault");
        }
    }

    @Test
    void autoScaling_andLoadBalancers_spanTheDesignedZones() {
        assumeTrue(emulator.supports(AwsService.AUTOSCALING));
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.PRIMARY)) {
            Map<String, List<String>> zones = new TreeMap<>();
            c.autoscaling.describeAutoScalingGroups().autoScalingGroups()
                    .forEach(g -> zones.put(g.autoScalingGroupName(),
                            g.availabilityZones().stream().sorted().toList()));
            assertThat(zones).containsOnlyKeys("web-asg", "api-asg", "legacy-asg", "batch-asg", "queue-asg",
                    "worker-asg");
            // moto lists the AZ once per subnet (AWS lists it once): two subnets in us-east-1a.
            assertThat(zones.get("batch-asg")).containsExactly("us-east-1a", "us-east-1a");
            assertThat(zones.get("web-asg")).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
            Map<String, Integer> lbZones = new TreeMap<>();
            c.elbv2.describeLoadBalancers().loadBalancers()
                    .forEach(lb -> lbZones.put(lb.loadBalancerName(), lb.availabilityZones().size()));
            c.elb.describeLoadBalancers().loadBalancerDescriptions()
                    .forEach(lb -> lbZones.put(lb.loadBalancerName(), lb.availabilityZones().size()));
            assertThat(lbZones).containsExactlyInAnyOrderEntriesOf(
                    Map.of("web-alb", 2, "internal-nlb", 1, "legacy-clb", 2));
            assertThat(built.instanceIdsByAsg()).containsKey("us-east-1/web-asg");
            assertThat(built.instanceIdsByAsg().get("us-east-1/web-asg")).hasSize(3);
            for (String webInstance : built.instanceIdsByAsg().get("us-east-1/web-asg")) {
                var instance = c.ec2.describeInstances(r -> r.instanceIds(webInstance)).reservations().get(0)
                        .instances().get(0);
                assertThat(instance.tags()).anySatisfy(t -> {
                    assertThat(t.key()).isEqualTo("backup");
                    assertThat(t.value()).isEqualTo("daily");
                });
            }
        }
    }

    @Test
    void autoScaling_holdsTheDesignedCapacity_processes_andInstanceTypes() {
        assumeTrue(emulator.supports(AwsService.AUTOSCALING));
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.PRIMARY)) {
            Map<String, software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup> groups = new TreeMap<>();
            c.autoscaling.describeAutoScalingGroups().autoScalingGroups()
                    .forEach(g -> groups.put(g.autoScalingGroupName(), g));
            var web = groups.get("web-asg");
            assertThat(web.minSize()).isEqualTo(3);
            assertThat(web.instances()).extracting(i -> i.availabilityZone() + "/" + i.lifecycleStateAsString())
                    .containsExactlyInAnyOrder("us-east-1a/InService", "us-east-1b/InService", "us-east-1c/InService");
            assertThat(groups.get("batch-asg").suspendedProcesses()).extracting(p -> p.processName())
                    .containsExactly("Launch");
            assertThat(groups.get("queue-asg").suspendedProcesses()).extracting(p -> p.processName())
                    .containsExactly("AlarmNotification");
            var worker = groups.get("worker-asg");
            assertThat(worker.capacityRebalance()).isTrue();
            assertThat(worker.mixedInstancesPolicy().launchTemplate().overrides())
                    .extracting(o -> o.instanceType()).containsExactly("m5.large", "m6i.large");
            assertThat(worker.instances()).as("moto: first subnet, worker-b").singleElement()
                    .satisfies(i -> assertThat(i.availabilityZone()).isEqualTo("us-east-1b"));
            // moto runs each group's instances in its first subnet: three group instances per zone, and one
            // standalone host per zone.
            Map<String, Long> perZone = c.ec2.describeInstances().reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .collect(Collectors.groupingBy(i -> i.placement().availabilityZone(), TreeMap::new,
                            Collectors.counting()));
            assertThat(perZone).isEqualTo(Map.of("us-east-1a", 4L, "us-east-1b", 4L, "us-east-1c", 4L));
        }
    }

    @Test
    void ec2_standaloneHosts_haveTheDesignedMonitoring() {
        assumeTrue(emulator.supports(AwsService.EC2));
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.PRIMARY)) {
            String ops = built.standaloneInstanceIds().get("us-east-1/ops-host");
            assertThat(c.ec2.describeInstances(r -> r.instanceIds(ops)).reservations().get(0).instances().get(0)
                    .monitoring().stateAsString()).isEqualTo("enabled");
        }
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.SECONDARY)) {
            String batch = built.standaloneInstanceIds().get("eu-west-1/eu-batch-host");
            assertThat(c.ec2.describeInstances(r -> r.instanceIds(batch)).reservations().get(0).instances().get(0)
                    .monitoring().stateAsString()).isEqualTo("disabled");
        }
    }

    @Test
    void ec2_recoveryOptionsVolumesAndSnapshots_asTheOverlayReportsThem() {
        assumeTrue(emulator.supports(AwsService.EC2));
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.PRIMARY)) {
            Map<String, String> autoRecovery = new TreeMap<>();
            c.ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                    .forEach(i -> autoRecovery.put(i.instanceId(), i.maintenanceOptions().autoRecoveryAsString()));
            assertThat(autoRecovery.get(built.standaloneInstanceIds().get("us-east-1/cache-host")))
                    .isEqualTo("disabled");
            assertThat(autoRecovery.get(built.standaloneInstanceIds().get("us-east-1/ops-host"))).isEqualTo("default");
            String etl = built.standaloneInstanceIds().get("us-east-1/etl-host");
            assertThat(c.ec2.describeVolumes(r -> r.volumeIds(built.volumeIds().get("us-east-1/etl-scratch")))
                    .volumes().get(0).attachments()).singleElement()
                    .satisfies(a -> assertThat(a.instanceId()).isEqualTo(etl));
            String shared = built.volumeIds().get("us-east-1/shared-archive");
            var snapshots = c.ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots().stream()
                    .filter(sn -> sn.volumeId().equals(shared)).toList();
            assertThat(snapshots).extracting(sn -> sn.storageTierAsString())
                    .containsExactlyInAnyOrder("standard", "archive");
            assertThat(snapshots).allSatisfy(sn -> assertThat(sn.startTime())
                    .isBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        }
    }

    @Test
    void snsTopicsAndScalingPolicies_holdTheDesignedState() {
        assumeTrue(emulator.supports(AwsService.SNS) && emulator.supports(AwsService.AUTOSCALING));
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.PRIMARY)) {
            String prefix = "arn:aws:sns:us-east-1:" + built.account() + ":";
            assertThat(c.sns.listTopics().topics()).extracting(t -> t.topicArn())
                    .containsExactlyInAnyOrder(prefix + "oncall", prefix + "reports");
            // moto confirms an SQS subscription at once (SubscriptionArn is an ARN, not "PendingConfirmation").
            assertThat(c.sns.listSubscriptionsByTopic(r -> r.topicArn(prefix + "oncall")).subscriptions())
                    .singleElement().satisfies(sub -> {
                        assertThat(sub.protocol()).isEqualTo("sqs");
                        assertThat(sub.subscriptionArn()).startsWith(prefix + "oncall:");
                    });
            assertThat(c.sns.listSubscriptionsByTopic(r -> r.topicArn(prefix + "reports")).subscriptions()).isEmpty();
            assertThat(c.autoscaling.describePolicies(r -> r.autoScalingGroupName("worker-asg")).scalingPolicies())
                    .extracting(p -> p.policyName()).containsExactly("worker-scale-out");
        }
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.SECONDARY)) {
            assertThat(c.sns.listTopics().topics()).extracting(t -> t.topicArn())
                    .containsExactly("arn:aws:sns:eu-west-1:" + built.account() + ":oncall-eu");
        }
    }

    @Test
    void cloudWatch_andConfig_holdTheDesignedState() {
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.PRIMARY)) {
            assertThat(c.cloudwatch.describeAlarms().metricAlarms()).extracting(a -> a.alarmName())
                    .containsExactlyInAnyOrder("orders-db-cpu-high", "web-alb-5xx", "catalog-aurora-replica-lag",
                            "legacy-host-recover", "worker-backlog-high", "worker-backlog-low", "checkout-errors",
                            "nightly-report-failed", "orders-db-free-storage", "billing-db-cpu-ratio",
                            "web-tg-unhealthy-hosts", "retired-db-connections");
            assertThat(c.config.describeConfigurationRecorderStatus().configurationRecordersStatus())
                    .singleElement().satisfies(s -> assertThat(s.recording()).isTrue());
            assertThat(c.config.describeDeliveryChannelStatus().deliveryChannelsStatus()).singleElement()
                    .satisfies(s -> assertThat(s.configHistoryDeliveryInfo().lastStatusAsString())
                            .isEqualTo("SUCCESS"));
        }
        try (AwsClients c = new AwsClients(overlay.endpoint(), DemoAccountScenario.SECONDARY)) {
            assertThat(c.config.describeConfigurationRecorders().configurationRecorders()).isEmpty();
            assertThat(c.config.describeDeliveryChannelStatus().deliveryChannelsStatus()).isEmpty();
        }
    }
}
