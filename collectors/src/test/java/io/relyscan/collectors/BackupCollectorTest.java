package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.BackupVault;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.TagCondition;
import io.relyscan.core.scan.ScanOptions;
import io.relyscan.core.scan.ScanOrchestrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupRuleInput;
import software.amazon.awssdk.services.backup.model.CreateBackupPlanResponse;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS Backup against moto (plans, rules, vaults) and, for the selections moto lacks, against a WireMock overlay
 * that answers ListBackupSelections/GetBackupSelection like the real API and forwards everything else to moto.
 */
// The SDK's consumer-builder varargs make javac warn about generic array creation.
@SuppressWarnings("unchecked")
class BackupCollectorTest extends MotoTestBase {
    static final String ROLE = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
    static BackupClient backup;
    static String primaryVaultArn;
    static String secondaryVaultArn;
    static CreateBackupPlanResponse plan;

    @BeforeAll
    static void createPlanAndVaults() {
        backup = TestSessions.client(BackupClient.builder(), endpoint());
        primaryVaultArn = backup.createBackupVault(b -> b.backupVaultName("primary")).backupVaultArn();
        secondaryVaultArn = backup.createBackupVault(b -> b.backupVaultName("secondary")).backupVaultArn();
        backup.putBackupVaultLockConfiguration(b -> b.backupVaultName("secondary").minRetentionDays(35L)
                .maxRetentionDays(365L).changeableForDays(3L));
        plan = backup.createBackupPlan(b -> b.backupPlan(p -> p.backupPlanName("daily-and-weekly").rules(
                BackupRuleInput.builder().ruleName("daily").targetBackupVaultName("primary")
                        .scheduleExpression("cron(0 5 ? * * *)").lifecycle(l -> l.deleteAfterDays(35L))
                        .copyActions(c -> c.destinationBackupVaultArn(secondaryVaultArn)
                                .lifecycle(l -> l.deleteAfterDays(90L)))
                        .build(),
                BackupRuleInput.builder().ruleName("continuous").targetBackupVaultName("primary")
                        .enableContinuousBackup(true).lifecycle(l -> l.deleteAfterDays(7L)).build())));
    }

    @AfterAll
    static void closeClient() {
        backup.close();
    }

    @Test
    void collect_planWithRulesAndVaults_fieldByField() {
        RecordingSink sink = collect(AwsService.BACKUP);

        BackupPlan p = sink.one(BackupPlan.class, "daily-and-weekly");
        assertThat(p.arn()).isEqualTo(plan.backupPlanArn());
        assertThat(p.planId()).isEqualTo(plan.backupPlanId());
        assertThat(p.versionId()).isEqualTo(plan.versionId());
        assertThat(p.account()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(p.region()).isEqualTo(TestSessions.REGION);
        // moto fills the default schedule into the rule that gave none.
        assertThat(p.rules()).containsExactly(
                // EnableContinuousBackup was not set, and the collector reports the raw field, not a guess.
                // moto fills AWS's defaults: UTC, a 480-minute start and a 10080-minute completion window.
                new BackupRule("daily", "cron(0 5 ? * * *)", "primary", 35L, null, List.of(secondaryVaultArn),
                        "Etc/UTC", 480L, 10080L),
                new BackupRule("continuous", "cron(0 5 ? * * *)", "primary", 7L, true, List.of(), "Etc/UTC", 480L,
                        10080L));

        BackupVault primary = sink.one(BackupVault.class, "primary");
        assertThat(primary.arn()).isEqualTo(primaryVaultArn);
        assertThat(primary.locked()).isFalse();
        assertThat(primary.minRetentionDays()).isNull();
        assertThat(primary.maxRetentionDays()).isNull();
        assertThat(primary.numberOfRecoveryPoints()).isZero();
        assertThat(primary.lockDate()).isNull();
        // moto omits VaultType; see collect_vaultTypeAndLockDateFromAnOverlay for AWS's payload.
        assertThat(primary.vaultType()).isNull();
        BackupVault secondary = sink.one(BackupVault.class, "secondary");
        assertThat(secondary.locked()).isTrue();
        assertThat(secondary.minRetentionDays()).isEqualTo(35L);
        assertThat(secondary.maxRetentionDays()).isEqualTo(365L);
        // Compliance mode: the lock can be removed for ChangeableForDays more days, until LockDate.
        assertThat(secondary.lockDate()).isNotNull();
        assertThat(sink.all(BackupVault.class)).extracting(BackupVault::name)
                .containsExactlyInAnyOrder("primary", "secondary");
    }

    @Test
    void collect_whenMotoCannotListSelections_isPartialWithAGapNotASilentEmptyList() {
        Inventory inventory = new ScanOrchestrator(Clock.systemUTC(), new ScanOptions(2, Duration.ofMinutes(1)))
                .scan(List.of(TestSessions.SCOPE), session.collectors(Set.of(AwsService.BACKUP)), session::telemetry);

        CoverageEntry entry = inventory.coverage().entry(TestSessions.SCOPE, AwsService.BACKUP);
        assertThat(entry.status()).isEqualTo(CollectionStatus.PARTIAL);
        // moto has no route for region settings, access policies and restore testing: each is a gap of its own.
        assertThat(entry.gaps()).extracting(g -> g.operation()).contains("DescribeRegionSettings",
                "GetBackupVaultAccessPolicy", "ListRestoreTestingPlans", "ListRestoreJobs");
        // Nor for protected resources, recovery points and jobs (404): gaps too, never empty lists.
        assertThat(entry.gaps()).extracting(g -> g.operation()).contains("ListProtectedResources",
                "ListRecoveryPointsByBackupVault", "ListBackupJobs", "ListCopyJobs");
        assertThat(inventory.all(io.relyscan.core.inventory.RecoveryPoint.class)).isEmpty();
        assertThat(entry.gaps()).filteredOn(g -> g.operation().equals("ListBackupSelections")).singleElement()
                .satisfies(g -> {
            assertThat(g.operation()).isEqualTo("ListBackupSelections");
            assertThat(g.reason()).isEqualTo(GapReason.SERVICE_ERROR);
            assertThat(g.message()).startsWith(plan.backupPlanArn() + ": ").contains("HTTP 500");
        });
        assertThat(inventory.all(BackupSelection.class)).isEmpty();
        assertThat(inventory.all(BackupPlan.class)).hasSize(1);
        assertThat(inventory.all(BackupVault.class)).hasSize(2);
    }

    @Test
    void collect_selectionsFromAnOverlay_fieldByField() {
        String planId = plan.backupPlanId();
        String base = "/backup/plans/" + planId + "/selections/";
        WireMockServer overlay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        overlay.start();
        try {
            overlay.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(endpoint().toString())));
            overlay.stubFor(get(urlPathEqualTo(base)).atPriority(2).withQueryParam("nextToken", absent())
                    .willReturn(json("""
                            {"BackupSelectionsList":[{"SelectionId":"sel-tags","SelectionName":"by-tags",
                              "BackupPlanId":"%s","CreationDate":1767225600.0,"CreatorRequestId":"r1",
                              "IamRoleArn":"%s"}],
                             "NextToken":"page-2"}""".formatted(planId, ROLE))));
            overlay.stubFor(get(urlPathEqualTo(base)).atPriority(1).withQueryParam("nextToken", equalTo("page-2"))
                    .willReturn(json("""
                            {"BackupSelectionsList":[{"SelectionId":"sel-arns","SelectionName":"by-arns",
                              "BackupPlanId":"%s","CreationDate":1767225600.0,"IamRoleArn":"%s"}]}"""
                            .formatted(planId, ROLE))));
            overlay.stubFor(get(urlPathEqualTo(base + "sel-tags")).atPriority(1).willReturn(json("""
                    {"BackupPlanId":"%s","SelectionId":"sel-tags","CreationDate":1767225600.0,
                     "BackupSelection":{"SelectionName":"by-tags","IamRoleArn":"%s",
                       "Resources":["*"],"NotResources":["arn:aws:rds:us-east-1:123456789012:db:scratch-*"],
                       "ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}],
                       "Conditions":{
                         "StringEquals":[{"ConditionKey":"aws:ResourceTag/env","ConditionValue":"prod"}],
                         "StringNotEquals":[{"ConditionKey":"aws:ResourceTag/tier","ConditionValue":"scratch"}],
                         "StringLike":[{"ConditionKey":"aws:ResourceTag/team","ConditionValue":"ord*"}],
                         "StringNotLike":[{"ConditionKey":"aws:ResourceTag/Name","ConditionValue":"tmp-*"}]}}}"""
                    .formatted(planId, ROLE))));
            overlay.stubFor(get(urlPathEqualTo(base + "sel-arns")).atPriority(1).willReturn(json("""
                    {"BackupPlanId":"%s","SelectionId":"sel-arns",
                     "BackupSelection":{"SelectionName":"by-arns","IamRoleArn":"%s",
                       "Resources":["arn:aws:rds:us-east-1:123456789012:db:orders-single",
                                    "arn:aws:ec2:us-east-1:123456789012:volume/*"]}}"""
                    .formatted(planId, ROLE))));

            try (AwsSession overlaid = TestSessions.session(URI.create(overlay.baseUrl()))) {
                RecordingSink sink = new RecordingSink();
                overlaid.collectors(Set.of(AwsService.BACKUP)).get(0).collect(TestSessions.SCOPE, sink);

                assertThat(planAndSelectionGaps(sink)).isEmpty();
                assertThat(sink.all(BackupPlan.class)).hasSize(1);
                assertThat(sink.all(BackupSelection.class)).hasSize(2);

                BackupSelection tags = sink.one(BackupSelection.class, "by-tags");
                assertThat(tags.arn()).isEqualTo(plan.backupPlanArn() + "/selection/sel-tags");
                assertThat(tags.account()).isEqualTo(TestSessions.ACCOUNT);
                assertThat(tags.region()).isEqualTo(TestSessions.REGION);
                assertThat(tags.planId()).isEqualTo(planId);
                assertThat(tags.selectionId()).isEqualTo("sel-tags");
                assertThat(tags.iamRoleArn()).isEqualTo(ROLE);
                assertThat(tags.resources()).containsExactly("*");
                assertThat(tags.notResources()).containsExactly("arn:aws:rds:us-east-1:123456789012:db:scratch-*");
                assertThat(tags.listOfTags()).containsExactly(new TagCondition("STRINGEQUALS", "backup", "daily"));
                assertThat(tags.conditions()).containsExactly(
                        new TagCondition("STRINGEQUALS", "aws:ResourceTag/env", "prod"),
                        new TagCondition("STRINGNOTEQUALS", "aws:ResourceTag/tier", "scratch"),
                        new TagCondition("STRINGLIKE", "aws:ResourceTag/team", "ord*"),
                        new TagCondition("STRINGNOTLIKE", "aws:ResourceTag/Name", "tmp-*"));

                BackupSelection arns = sink.one(BackupSelection.class, "by-arns");
                assertThat(arns.resources()).containsExactly("arn:aws:rds:us-east-1:123456789012:db:orders-single",
                        "arn:aws:ec2:us-east-1:123456789012:volume/*");
                assertThat(arns.notResources()).isEmpty();
                assertThat(arns.listOfTags()).isEmpty();
                assertThat(arns.conditions()).isEmpty();
            }
        } finally {
            overlay.stop();
        }
    }

    @Test
    void collect_vaultTypeAndLockDateFromAnOverlay() {
        WireMockServer overlay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        overlay.start();
        try {
            overlay.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(endpoint().toString())));
            // moto leaves VaultType out; AWS sends it, and LockDate as epoch seconds.
            overlay.stubFor(get(urlPathEqualTo("/backup-vaults/")).atPriority(1).willReturn(json("""
                    {"BackupVaultList":[
                      {"BackupVaultName":"air-gapped",
                       "BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:air-gapped",
                       "VaultType":"LOGICALLY_AIR_GAPPED_BACKUP_VAULT","VaultState":"AVAILABLE",
                       "CreationDate":1767225600.0,"NumberOfRecoveryPoints":12,"Locked":true,
                       "MinRetentionDays":35,"MaxRetentionDays":365},
                      {"BackupVaultName":"compliance",
                       "BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:compliance",
                       "VaultType":"BACKUP_VAULT","CreationDate":1767225600.0,"NumberOfRecoveryPoints":3,
                       "Locked":true,"MinRetentionDays":7,"LockDate":1767484800.0}]}""")));

            try (AwsSession overlaid = TestSessions.session(URI.create(overlay.baseUrl()))) {
                RecordingSink sink = new RecordingSink();
                overlaid.collectors(Set.of(AwsService.BACKUP)).get(0).collect(TestSessions.SCOPE, sink);

                BackupVault airGapped = sink.one(BackupVault.class, "air-gapped");
                assertThat(airGapped.vaultType()).isEqualTo(BackupVault.LOGICALLY_AIR_GAPPED);
                assertThat(airGapped.lockDate()).isNull();
                assertThat(airGapped.numberOfRecoveryPoints()).isEqualTo(12L);
                BackupVault compliance = sink.one(BackupVault.class, "compliance");
                assertThat(compliance.vaultType()).isEqualTo("BACKUP_VAULT");
                assertThat(compliance.lockDate()).isEqualTo("2026-01-04T00:00:00Z");
                assertThat(compliance.minRetentionDays()).isEqualTo(7L);
                assertThat(compliance.maxRetentionDays()).isNull();
            }
        } finally {
            overlay.stop();
        }
    }

    @Test
    void collect_whenOneSelectionCannotBeRead_keepsTheOthersAndRecordsAGap() {
        String planId = plan.backupPlanId();
        String base = "/backup/plans/" + planId + "/selections/";
        WireMockServer overlay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        overlay.start();
        try {
            overlay.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(endpoint().toString())));
            overlay.stubFor(get(urlPathEqualTo(base)).atPriority(1).willReturn(json("""
                    {"BackupSelectionsList":[
                      {"SelectionId":"ok","SelectionName":"ok","BackupPlanId":"%1$s","IamRoleArn":"%2$s"},
                      {"SelectionId":"denied","SelectionName":"denied","BackupPlanId":"%1$s","IamRoleArn":"%2$s"}]}"""
                    .formatted(planId, ROLE))));
            overlay.stubFor(get(urlPathEqualTo(base + "ok")).atPriority(1).willReturn(json("""
                    {"BackupPlanId":"%s","SelectionId":"ok","BackupSelection":{"SelectionName":"ok",
                     "IamRoleArn":"%s","Resources":["*"]}}""".formatted(planId, ROLE))));
            overlay.stubFor(get(urlPathEqualTo(base + "denied")).atPriority(1).willReturn(aResponse().withStatus(403)
                    .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "AccessDeniedException")
                    .withBody("{\"Message\":\"not authorized to perform backup:GetBackupSelection\"}")));

            try (AwsSession overlaid = TestSessions.session(URI.create(overlay.baseUrl()))) {
                RecordingSink sink = new RecordingSink();
                overlaid.collectors(Set.of(AwsService.BACKUP)).get(0).collect(TestSessions.SCOPE, sink);

                assertThat(sink.all(BackupSelection.class)).extracting(BackupSelection::selectionId)
                        .containsExactly("ok");
                assertThat(planAndSelectionGaps(sink)).singleElement().satisfies(g -> {
                    assertThat(g.operation()).isEqualTo("GetBackupSelection");
                    assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
                    assertThat(g.message()).startsWith(plan.backupPlanArn() + "/selection/denied: AccessDenied");
                });
            }
        } finally {
            overlay.stop();
        }
    }

    /**
     * Gaps of the plan, selection and vault listings only: the overlays here answer those, and moto has no route
     * for the operations of other rules (protected resources, jobs, region settings, restore testing ...).
     */
    static List<io.relyscan.core.inventory.CoverageGap> planAndSelectionGaps(RecordingSink sink) {
        Set<String> operations = Set.of("ListBackupPlans", "GetBackupPlan", "ListBackupSelections",
                "GetBackupSelection", "ListBackupVaults");
        return sink.gaps.stream().filter(g -> operations.contains(g.operation())).toList();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
