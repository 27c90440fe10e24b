package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.relyscan.core.inventory.BackupJob;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.ProtectedResource;
import io.relyscan.core.inventory.RecoveryPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS Backup's recovery state, which moto does not implement at all (ListProtectedResources,
 * ListRecoveryPointsByBackupVault, ListBackupJobs and ListCopyJobs answer 404): canned REST-JSON payloads shaped
 * like the real API (epoch-second timestamps, NextToken paging), paging, the jobs' look-back filter, and failures
 * that must be gaps rather than empty lists. Every other Backup call gets an empty 200.
 */
class BackupRecoveryStateCannedResponsesTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final String VAULTS = """
            {"BackupVaultList":[
              {"BackupVaultName":"Default","BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:Default",
               "VaultType":"BACKUP_VAULT","CreationDate":1767225600.0,"NumberOfRecoveryPoints":3,"Locked":false},
              {"BackupVaultName":"secret","BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:secret",
               "VaultType":"BACKUP_VAULT","CreationDate":1767225600.0,"NumberOfRecoveryPoints":1,"Locked":false}]}""";
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
        wire.stubFor(any(anyUrl()).atPriority(100).willReturn(json("{}")));
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/")).atPriority(1).willReturn(json(VAULTS)));
        session = TestSessions.session(URI.create(wire.baseUrl()));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private RecordingSink collect() {
        RecordingSink sink = new RecordingSink();
        new BackupCollector(session.clients(), session.caller(), Clock.fixed(NOW, ZoneOffset.UTC))
                .collect(TestSessions.SCOPE, sink);
        return sink;
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder denied(String action) {
        return aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withBody("{\"Message\":\"not authorized to perform backup:" + action + "\"}");
    }

    @Test
    void collect_recoveryPointsPerVaultPaged_protectedResources_andJobs_fieldByField() {
        String points = "/backup-vaults/Default/recovery-points/";
        wire.stubFor(get(urlPathEqualTo(points)).atPriority(2).withQueryParam("nextToken", absent())
                .willReturn(json("""
                        {"RecoveryPoints":[
                          {"RecoveryPointArn":"arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7",
                           "BackupVaultName":"Default",
                           "BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:Default",
                           "ResourceArn":"arn:aws:rds:us-east-1:123456789012:db:orders","ResourceType":"RDS",
                           "ResourceName":"orders",
                           "CreatedBy":{"BackupPlanId":"plan-1",
                             "BackupPlanArn":"arn:aws:backup:us-east-1:123456789012:backup-plan:plan-1",
                             "BackupPlanVersion":"v1","BackupRuleId":"rule-1"},
                           "IamRoleArn":"arn:aws:iam::123456789012:role/AWSBackupDefaultServiceRole",
                           "Status":"COMPLETED","CreationDate":1795824000.0,"CompletionDate":1795825800.5,
                           "BackupSizeInBytes":1024,
                           "CalculatedLifecycle":{"DeleteAt":1798848000.0},
                           "Lifecycle":{"DeleteAfterDays":35},"IsEncrypted":true,"IsParent":false}],
                         "NextToken":"page-2"}""")));
        wire.stubFor(get(urlPathEqualTo(points)).atPriority(1).withQueryParam("nextToken", equalTo("page-2"))
                .willReturn(json("""
                        {"RecoveryPoints":[
                          {"RecoveryPointArn":"arn:aws:backup:us-east-1:123456789012:recovery-point:STACK",
                           "ResourceArn":"arn:aws:cloudformation:us-east-1:123456789012:stack/app/1",
                           "ResourceType":"CloudFormation","Status":"PARTIAL","CreationDate":1795737600.0,
                           "IsParent":true},
                          {"RecoveryPointArn":"arn:aws:ec2:us-east-1::image/ami-0abc",
                           "ResourceArn":"arn:aws:ec2:us-east-1:123456789012:instance/i-1","ResourceType":"EC2",
                           "Status":"AVAILABLE","CreationDate":1795737600.0,
                           "ParentRecoveryPointArn":"arn:aws:backup:us-east-1:123456789012:recovery-point:STACK"}]}""")));
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/secret/recovery-points/")).atPriority(1)
                .willReturn(json("{\"RecoveryPoints\":[]}")));
        wire.stubFor(get(urlPathEqualTo("/resources/")).atPriority(1).willReturn(json("""
                {"Results":[{"ResourceArn":"arn:aws:rds:us-east-1:123456789012:db:orders","ResourceType":"RDS",
                  "ResourceName":"orders","LastBackupTime":1795824000.0,
                  "LastBackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:Default",
                  "LastRecoveryPointArn":"arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7"}]}""")));
        wire.stubFor(get(urlPathEqualTo("/backup-jobs/")).atPriority(1).willReturn(json("""
                {"BackupJobs":[{"AccountId":"123456789012","BackupJobId":"job-1",
                  "BackupVaultName":"Default",
                  "BackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:Default",
                  "ResourceArn":"arn:aws:rds:us-east-1:123456789012:db:orders","ResourceType":"RDS",
                  "CreationDate":1795820400.0,"CompletionDate":1795824000.0,"State":"FAILED",
                  "StatusMessage":"Insufficient privileges to perform this action.","PercentDone":"0.0",
                  "IamRoleArn":"arn:aws:iam::123456789012:role/AWSBackupDefaultServiceRole"}]}""")));
        wire.stubFor(get(urlPathEqualTo("/copy-jobs/")).atPriority(1).willReturn(json("""
                {"CopyJobs":[{"AccountId":"123456789012","CopyJobId":"copy-1",
                  "SourceBackupVaultArn":"arn:aws:backup:us-east-1:123456789012:backup-vault:Default",
                  "SourceRecoveryPointArn":"arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7",
                  "DestinationBackupVaultArn":"arn:aws:backup:us-west-2:123456789012:backup-vault:dr",
                  "ResourceArn":"arn:aws:rds:us-east-1:123456789012:db:orders","ResourceType":"RDS",
                  "CreationDate":1795827600.0,"State":"RUNNING"}]}""")));

        RecordingSink sink = collect();

        assertThat(sink.gaps).isEmpty();
        List<RecoveryPoint> recoveryPoints = sink.all(RecoveryPoint.class);
        assertThat(recoveryPoints).hasSize(3);
        assertThat(recoveryPoints.get(0)).isEqualTo(new RecoveryPoint(
                "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7", "123456789012", "us-east-1",
                "Default", "arn:aws:rds:us-east-1:123456789012:db:orders", "RDS", "COMPLETED",
                "2026-11-28T00:00:00Z", "2026-11-28T00:30:00.500Z", "2027-01-02T00:00:00Z",
                "arn:aws:backup:us-east-1:123456789012:backup-plan:plan-1", false, null));
        RecoveryPoint stack = recoveryPoints.get(1);
        assertThat(stack.parent()).isTrue();
        assertThat(stack.status()).isEqualTo("PARTIAL");
        assertThat(stack.deleteAt()).isNull();
        assertThat(stack.backupPlanArn()).isNull();
        RecoveryPoint member = recoveryPoints.get(2);
        assertThat(member.vaultName()).isEqualTo("Default");
        assertThat(member.parent()).isNull();
        assertThat(member.parentRecoveryPointArn()).isEqualTo(stack.arn());
        assertThat(member.isUsable()).isTrue();

        assertThat(sink.all(ProtectedResource.class)).containsExactly(new ProtectedResource("123456789012",
                "us-east-1", "arn:aws:rds:us-east-1:123456789012:db:orders", "RDS", "orders",
                "2026-11-28T00:00:00Z", "arn:aws:backup:us-east-1:123456789012:backup-vault:Default",
                "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7"));

        assertThat(sink.all(BackupJob.class)).containsExactly(
                new BackupJob("123456789012", "us-east-1", BackupJob.Kind.BACKUP, "job-1",
                        "arn:aws:rds:us-east-1:123456789012:db:orders", "RDS", "FAILED", "2026-11-27T23:00:00Z",
                        "2026-11-28T00:00:00Z", "Insufficient privileges to perform this action.",
                        "arn:aws:backup:us-east-1:123456789012:backup-vault:Default"),
                new BackupJob("123456789012", "us-east-1", BackupJob.Kind.COPY, "copy-1",
                        "arn:aws:rds:us-east-1:123456789012:db:orders", "RDS", "RUNNING", "2026-11-28T01:00:00Z",
                        null, null, "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"));
        assertThat(sink.all(BackupJob.class).get(1).arn())
                .isEqualTo("arn:aws:backup:us-east-1:123456789012:copy-job:copy-1");
        // One listing per vault, two pages for the first; jobs only since the fixed 14-day look-back.
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo(points)))).hasSize(2);
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo("/backup-jobs/"))))
                .singleElement().satisfies(r -> assertThat(r.queryParameter("createdAfter").firstValue())
                        .isEqualTo("2026-11-14T12:00:00Z"));
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo("/copy-jobs/"))))
                .singleElement().satisfies(r -> assertThat(r.queryParameter("createdAfter").firstValue())
                        .isEqualTo("2026-11-14T12:00:00Z"));
    }

    @Test
    void collect_whenAVaultsPointsOrTheJobsCannotBeListed_recordsGapsAndKeepsTheRest() {
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/Default/recovery-points/")).atPriority(1)
                .willReturn(json("""
                        {"RecoveryPoints":[{"RecoveryPointArn":"arn:aws:backup:us-east-1:123456789012:recovery-point:A",
                          "ResourceArn":"arn:aws:rds:us-east-1:123456789012:db:orders","ResourceType":"RDS",
                          "Status":"COMPLETED","CreationDate":1795824000.0}]}""")));
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/secret/recovery-points/")).atPriority(1)
                .willReturn(denied("ListRecoveryPointsByBackupVault")));
        wire.stubFor(get(urlPathEqualTo("/backup-jobs/")).atPriority(1).willReturn(denied("ListBackupJobs")));
        wire.stubFor(get(urlPathEqualTo("/resources/")).atPriority(1).willReturn(denied("ListProtectedResources")));

        RecordingSink sink = collect();

        assertThat(sink.all(RecoveryPoint.class)).extracting(RecoveryPoint::arn)
                .containsExactly("arn:aws:backup:us-east-1:123456789012:recovery-point:A");
        assertThat(sink.all(BackupJob.class)).isEmpty();
        assertThat(sink.gaps).extracting(CoverageGap::operation).containsExactlyInAnyOrder(
                "ListRecoveryPointsByBackupVault", "ListBackupJobs", "ListProtectedResources");
        assertThat(sink.gaps).extracting(CoverageGap::reason).containsOnly(GapReason.ACCESS_DENIED);
        assertThat(sink.gaps).filteredOn(g -> g.operation().equals("ListRecoveryPointsByBackupVault"))
                .singleElement().satisfies(g -> assertThat(g.message())
                        .startsWith("arn:aws:backup:us-east-1:123456789012:backup-vault:secret: "));
    }
}
