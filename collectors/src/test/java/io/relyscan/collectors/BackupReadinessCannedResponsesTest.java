package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupRegionSettings;
import io.relyscan.core.inventory.BackupVaultAccessPolicy;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.RestoreJob;
import io.relyscan.core.inventory.RestoreTestingPlan;
import io.relyscan.core.inventory.RestoreTestingSelection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * AWS Backup region settings (R41), vault access policies (R44) and restore testing (R46), which moto does not
 * implement: responses shaped like the real REST-JSON API (paths and members as in the SDK model: GET
 * /account-settings, /backup-vaults/{name}/access-policy, /restore-testing/plans, .../{name}/selections,
 * /restore-jobs/; timestamps as epoch seconds). Operations of other rules that these stubs leave unanswered
 * are not judged here.
 */
class BackupReadinessCannedResponsesTest {
    private static final Set<String> OPERATIONS = Set.of("DescribeRegionSettings", "GetBackupVaultAccessPolicy",
            "ListRestoreTestingPlans", "ListRestoreTestingSelections", "ListRestoreJobs");
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"backup:DeleteRecoveryPoint\",\"Resource\":\"*\"}]}";
    static WireMockServer wire;
    AwsSession session;

    @BeforeAll
    static void start() {
        wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @BeforeEach
    void open() {
        wire.resetAll();
        session = TestSessions.session(URI.create(wire.baseUrl()));
        wire.stubFor(get(urlPathEqualTo("/backup/plans/")).willReturn(json("{\"BackupPlansList\":[]}")));
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/")).willReturn(json("""
                {"BackupVaultList":[
                  {"BackupVaultName":"guarded","BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:guarded",
                   "VaultType":"BACKUP_VAULT","CreationDate":1767225600.0,"NumberOfRecoveryPoints":0},
                  {"BackupVaultName":"open","BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:open",
                   "VaultType":"BACKUP_VAULT","CreationDate":1767225600.0,"NumberOfRecoveryPoints":0},
                  {"BackupVaultName":"denied","BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:denied",
                   "VaultType":"BACKUP_VAULT","CreationDate":1767225600.0,"NumberOfRecoveryPoints":0}]}""")));
    }

    @AfterEach
    void close() {
        session.close();
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", code)
                .withBody("{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"}");
    }

    private RecordingSink collect() {
        RecordingSink sink = new RecordingSink();
        session.collectors(Set.of(AwsService.BACKUP)).get(0).collect(TestSessions.SCOPE, sink);
        return sink;
    }

    private static List<CoverageGap> ownGaps(RecordingSink sink) {
        return sink.gaps.stream().filter(g -> OPERATIONS.contains(g.operation())).toList();
    }

    private void stubEverything() {
        wire.stubFor(get(urlPathEqualTo("/account-settings")).willReturn(json("""
                {"ResourceTypeOptInPreference":{"Aurora":true,"DynamoDB":true,"EBS":true,"EC2":true,"EFS":true,
                   "RDS":false,"S3":false,"Timestream":false},
                 "ResourceTypeManagementPreference":{"DynamoDB":false,"EFS":true}}""")));
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/guarded/access-policy")).willReturn(json("""
                {"BackupVaultName":"guarded","BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:guarded",
                 "Policy":%s}""".formatted(quote(POLICY)))));
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/open/access-policy")).willReturn(error(400,
                "ResourceNotFoundException", "Backup vault open does not have an access policy")));
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/denied/access-policy")).willReturn(error(403,
                "AccessDeniedException", "not authorized to perform backup:GetBackupVaultAccessPolicy")));
        wire.stubFor(get(urlPathEqualTo("/restore-testing/plans")).willReturn(json("""
                {"RestoreTestingPlans":[
                  {"RestoreTestingPlanName":"weekly","CreationTime":1767225600.0,"LastExecutionTime":1767312000.0,
                   "RestoreTestingPlanArn":"arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-abc123",
                   "ScheduleExpression":"cron(0 1 ? * SUN *)","ScheduleExpressionTimezone":"Etc/UTC",
                   "StartWindowHours":24},
                  {"RestoreTestingPlanName":"locked","CreationTime":1767225600.0,
                   "RestoreTestingPlanArn":"arn:aws:backup:us-east-1:123456789012:restore-testing-plan:locked-def456",
                   "ScheduleExpression":"cron(0 1 ? * SAT *)"}]}""")));
        wire.stubFor(get(urlPathEqualTo("/restore-testing/plans/weekly/selections"))
                .withQueryParam("NextToken", absent()).willReturn(json("""
                {"RestoreTestingSelections":[
                  {"RestoreTestingPlanName":"weekly","RestoreTestingSelectionName":"rds_tier1",
                   "ProtectedResourceType":"RDS","IamRoleArn":"arn:aws:iam::123456789012:role/restore",
                   "CreationTime":1767225600.0,"ValidationWindowHours":0}],
                 "NextToken":"page-2"}""")));
        wire.stubFor(get(urlPathEqualTo("/restore-testing/plans/weekly/selections"))
                .withQueryParam("NextToken", equalTo("page-2")).willReturn(json("""
                {"RestoreTestingSelections":[
                  {"RestoreTestingPlanName":"weekly","RestoreTestingSelectionName":"aurora_tier1",
                   "ProtectedResourceType":"Aurora","IamRoleArn":"arn:aws:iam::123456789012:role/restore",
                   "CreationTime":1767225600.0}]}""")));
        wire.stubFor(get(urlPathEqualTo("/restore-testing/plans/locked/selections")).willReturn(error(403,
                "AccessDeniedException", "not authorized to perform backup:ListRestoreTestingSelections")));
        wire.stubFor(get(urlPathEqualTo("/restore-jobs/")).willReturn(json("""
                {"RestoreJobs":[
                  {"AccountId":"123456789012","RestoreJobId":"job-ok","ResourceType":"RDS","Status":"COMPLETED",
                   "CreationDate":1767312000.0,"CompletionDate":1767314700.0,"PercentDone":"100.00%",
                   "RecoveryPointArn":"arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:job-1",
                   "CreatedResourceArn":"arn:aws:rds:us-east-1:123456789012:db:awsbackup-restore-test-1",
                   "CreatedBy":{"RestoreTestingPlanArn":"arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-abc123"}},
                  {"AccountId":"123456789012","RestoreJobId":"job-failed","ResourceType":"Aurora","Status":"FAILED",
                   "StatusMessage":"Access denied to KMS key","CreationDate":1767398400.0}]}""")));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void collect_regionSettingsPoliciesAndRestoreTesting_fieldByField() {
        stubEverything();

        RecordingSink sink = collect();

        BackupRegionSettings settings = sink.all(BackupRegionSettings.class).get(0);
        assertThat(sink.all(BackupRegionSettings.class)).hasSize(1);
        assertThat(settings.arn()).isEqualTo("arn:aws:backup:us-east-1:123456789012:region-settings");
        assertThat(settings.account()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(settings.region()).isEqualTo(TestSessions.REGION);
        assertThat(settings.resourceTypeOptInPreference()).containsEntry("RDS", false).containsEntry("EC2", true)
                .containsEntry("Timestream", false).hasSize(8);
        assertThat(settings.resourceTypeManagementPreference()).isEqualTo(Map.of("DynamoDB", false, "EFS", true));

        BackupVaultAccessPolicy guarded = sink.one(BackupVaultAccessPolicy.class, "guarded");
        assertThat(guarded.policy()).isEqualTo(POLICY);
        assertThat(guarded.vaultArn()).isEqualTo("arn:aws:backup:us-east-1:123456789012:backup-vault:guarded");
        assertThat(guarded.arn()).isEqualTo(guarded.vaultArn() + "/access-policy");
        BackupVaultAccessPolicy open = sink.one(BackupVaultAccessPolicy.class, "open");
        assertThat(open.policy()).as("ResourceNotFoundException means: no policy").isNull();
        assertThat(sink.all(BackupVaultAccessPolicy.class)).extracting(BackupVaultAccessPolicy::vaultName)
                .containsExactlyInAnyOrder("guarded", "open");

        RestoreTestingPlan weekly = sink.one(RestoreTestingPlan.class, "weekly");
        assertThat(weekly.arn()).isEqualTo("arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-abc123");
        assertThat(weekly.scheduleExpression()).isEqualTo("cron(0 1 ? * SUN *)");
        assertThat(weekly.lastExecutionTime()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(weekly.selections()).containsExactly(new RestoreTestingSelection("rds_tier1", "RDS"),
                new RestoreTestingSelection("aurora_tier1", "Aurora"));
        assertThat(sink.all(RestoreTestingPlan.class)).hasSize(1);

        RestoreJob ok = sink.one(RestoreJob.class, "job-ok");
        assertThat(ok.arn()).isEqualTo("arn:aws:backup:us-east-1:123456789012:restore-job:job-ok");
        assertThat(ok.resourceType()).isEqualTo("RDS");
        assertThat(ok.status()).isEqualTo("COMPLETED");
        assertThat(ok.creationDate()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(ok.completionDate()).isEqualTo("2026-01-02T00:45:00Z");
        assertThat(ok.restoreTestingPlanArn())
                .isEqualTo("arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-abc123");
        assertThat(ok.statusMessage()).isNull();
        RestoreJob failed = sink.one(RestoreJob.class, "job-failed");
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.statusMessage()).isEqualTo("Access denied to KMS key");
        assertThat(failed.completionDate()).isNull();
        assertThat(failed.restoreTestingPlanArn()).isNull();

        assertThat(ownGaps(sink)).extracting(CoverageGap::operation, CoverageGap::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("GetBackupVaultAccessPolicy", GapReason.ACCESS_DENIED),
                org.assertj.core.groups.Tuple.tuple("ListRestoreTestingSelections", GapReason.ACCESS_DENIED));
        assertThat(ownGaps(sink)).extracting(CoverageGap::message).anySatisfy(m -> assertThat(m)
                .startsWith("arn:aws:backup:us-east-1:123456789012:backup-vault:denied: AccessDenied"));
        assertThat(ownGaps(sink)).extracting(CoverageGap::message).anySatisfy(m -> assertThat(m)
                .startsWith("arn:aws:backup:us-east-1:123456789012:restore-testing-plan:locked-def456: "));
    }

    @Test
    void collect_listsRestoreJobsCreatedWithinTheLookBack() {
        stubEverything();

        collect();

        List<LoggedRequest> requests = wire.findAll(getRequestedFor(urlPathEqualTo("/restore-jobs/")));
        assertThat(requests).hasSize(1);
        Instant after = Instant.parse(requests.get(0).queryParameter("createdAfter").firstValue());
        assertThat(after).isCloseTo(Instant.now().minus(Duration.ofDays(RestoreJob.LOOK_BACK_DAYS)),
                within(Duration.ofMinutes(5).toMillis(), java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void collect_whenRegionSettingsAreDenied_recordsAGapNotEmptySettings() {
        stubEverything();
        wire.stubFor(get(urlPathEqualTo("/account-settings")).atPriority(1).willReturn(error(403,
                "AccessDeniedException", "not authorized to perform backup:DescribeRegionSettings")));

        RecordingSink sink = collect();

        assertThat(sink.all(BackupRegionSettings.class)).isEmpty();
        assertThat(ownGaps(sink)).extracting(CoverageGap::operation).contains("DescribeRegionSettings");
        assertThat(sink.all(RestoreJob.class)).hasSize(2);
    }

    @Test
    void collect_whenRestoreJobsCannotBeListed_recordsAGap() {
        stubEverything();
        wire.stubFor(get(urlPathEqualTo("/restore-jobs/")).atPriority(1).willReturn(error(400,
                "InvalidParameterValueException", "bad createdAfter")));

        RecordingSink sink = collect();

        assertThat(sink.all(RestoreJob.class)).isEmpty();
        assertThat(ownGaps(sink)).extracting(CoverageGap::operation, CoverageGap::reason)
                .contains(org.assertj.core.groups.Tuple.tuple("ListRestoreJobs", GapReason.REQUEST_REJECTED));
    }
}
