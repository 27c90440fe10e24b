package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK interceptor every client carries records what was actually sent; every collector's operations, run
 * against moto, are declared IAM actions and read-only.
 */
class SentOperationsTest extends MotoTestBase {
    @TempDir
    Path tmp;

    @Test
    void everyCollector_sendsOnlyDeclaredReadOnlyOperations_asRecordedByTheInterceptor() {
        try (AwsSession fresh = TestSessions.session(endpoint())) {
            fresh.accountId(TestSessions.REGION);
            fresh.regions(TestSessions.ACCOUNT, TestSessions.REGION);
            fresh.organizationAccounts(TestSessions.ACCOUNT, TestSessions.REGION);
            for (Collector c : fresh.collectors(EnumSet.allOf(AwsService.class))) {
                try {
                    c.collect(TestSessions.SCOPE, new RecordingSink());
                } catch (CollectionException e) {
                    // moto lacks some Backup routes: the request was still sent and recorded
                }
            }

            List<SentOperation> sent = fresh.sentOperations();

            assertThat(sent.stream().map(SentOperation::service).collect(Collectors.toSet()))
                    .as("every client's SDK service name has an IAM prefix")
                    .isEqualTo(SentOperation.IAM_PREFIXES.keySet());
            assertThat(sent).allSatisfy(s -> {
                assertThat(s.iamAction().startsWith("organizations:") ? IamActions.CALLER_ORGANIZATION_ACTIONS
                        : IamActions.all()).as("declared: " + s).contains(s.iamAction());
                assertThat(s.readOnly()).as("read-only: " + s).isTrue();
                assertThat(s.attempts()).isPositive();
            });
            assertThat(sent).extracting(SentOperation::iamAction)
                    .contains("sts:GetCallerIdentity", "ec2:DescribeRegions", "ec2:DescribeInstances",
                            "elasticloadbalancing:DescribeTargetGroups", "cloudwatch:DescribeAlarms",
                            "config:DescribeConfigurationRecorders", "backup:ListBackupPlans",
                            "autoscaling:DescribeAutoScalingGroups", "rds:DescribeDBInstances", "sns:ListTopics");
        }
    }

    @Test
    void iamAction_ofAnUnknownService_isDeclaredNowhere_andWritesAreNotReadOnly() {
        SentOperation unknown = new SentOperation("S3", "ListBuckets", 1);
        SentOperation write = new SentOperation("Ec2", "TerminateInstances", 1);

        assertThat(unknown.iamAction()).isEqualTo("unknown-service(S3):ListBuckets");
        assertThat(IamActions.all()).doesNotContain(unknown.iamAction());
        assertThat(write.iamAction()).isEqualTo("ec2:TerminateInstances");
        assertThat(write.readOnly()).isFalse();
        assertThat(new SentOperation("ElasticLoadBalancingV2", "DescribeTargetHealth", 1).iamAction())
                .isEqualTo("elasticloadbalancing:DescribeTargetHealth");
    }

    @Test
    void operationLog_whenThePropertyNamesAFile_getsOneLinePerOperationOnClose() throws Exception {
        Path log = tmp.resolve("operations.tsv");
        String before = System.getProperty(OperationLog.PROPERTY);
        System.setProperty(OperationLog.PROPERTY, log.toString());
        try (AwsSession fresh = TestSessions.session(endpoint())) {
            fresh.accountId(TestSessions.REGION);
            fresh.accountId(TestSessions.REGION);
        } finally {
            AwsSessionTest.restore(OperationLog.PROPERTY, before);
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly("Sts\tGetCallerIdentity\t2\tsts:GetCallerIdentity");
        assertThat(OperationLog.parse(lines.get(0))).isEqualTo(new SentOperation("Sts", "GetCallerIdentity", 2));
    }

    @Test
    void operationLog_withoutTheProperty_writesNothing() {
        assertThat(System.getProperty(OperationLog.PROPERTY)).isNull();
        try (AwsSession fresh = TestSessions.session(endpoint())) {
            fresh.accountId(TestSessions.REGION);
            assertThat(fresh.sentOperations()).hasSize(1);
        }
        assertThat(tmp).isEmptyDirectory();
    }
}
