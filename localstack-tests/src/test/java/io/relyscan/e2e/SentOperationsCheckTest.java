package io.relyscan.e2e;

import io.relyscan.collectors.IamActions;
import io.relyscan.collectors.SentOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-only check fails on what it must catch: undeclared calls, writes, services without a prefix. */
class SentOperationsCheckTest {
    private static final Set<String> DECLARED = Set.copyOf(IamActions.all());

    @TempDir
    Path tmp;

    @Test
    void declaredReadOnlyOperations_pass() {
        List<SentOperation> sent = List.of(new SentOperation("Sts", "GetCallerIdentity", 1),
                new SentOperation("Ec2", "DescribeInstances", 3),
                new SentOperation("ElasticLoadBalancingV2", "DescribeTargetHealth", 2),
                new SentOperation("CloudWatch", "GetMetricData", 1),
                new SentOperation("Backup", "ListBackupPlans", 1));

        assertThat(SentOperationsCheck.violations(sent, DECLARED)).isEmpty();
    }

    @Test
    void assumeRole_passes_asTheOneDeclaredNonRead() {
        List<SentOperation> sent = List.of(new SentOperation("Sts", "AssumeRole", 1));

        assertThat(SentOperationsCheck.violations(sent, SentOperationsExtension.declared())).isEmpty();
    }

    @Test
    void otherAssumeOperations_stillFail() {
        List<String> problems = SentOperationsCheck.violations(
                List.of(new SentOperation("Sts", "AssumeRoleWithWebIdentity", 1)), SentOperationsExtension.declared());

        assertThat(problems).containsExactly(
                "sts:AssumeRoleWithWebIdentity (Sts AssumeRoleWithWebIdentity) is not a declared IAM action",
                "sts:AssumeRoleWithWebIdentity is not a Describe, List or Get operation");
    }

    @Test
    void assumeRole_isNotInTheReadOnlyPolicy() {
        assertThat(DECLARED).doesNotContain("sts:AssumeRole");
    }

    @Test
    void anUndeclaredReadOperation_fails() {
        List<String> problems = SentOperationsCheck.violations(
                List.of(new SentOperation("Ec2", "DescribeKeyPairs", 1)), DECLARED);

        assertThat(problems).containsExactly("ec2:DescribeKeyPairs (Ec2 DescribeKeyPairs) is not a declared IAM "
                + "action");
    }

    @Test
    void aWrite_failsTwice_undeclaredAndNotReadOnly() {
        List<String> problems = SentOperationsCheck.violations(
                List.of(new SentOperation("Ec2", "TerminateInstances", 1)), DECLARED);

        assertThat(problems).containsExactly(
                "ec2:TerminateInstances (Ec2 TerminateInstances) is not a declared IAM action",
                "ec2:TerminateInstances is not a Describe, List or Get operation");
    }

    @Test
    void aWriteThatSomeoneDeclared_stillFails() {
        List<String> problems = SentOperationsCheck.violations(
                List.of(new SentOperation("Sns", "Publish", 1)), Set.of("sns:Publish"));

        assertThat(problems).containsExactly("sns:Publish is not a Describe, List or Get operation");
    }

    @Test
    void aServiceWithoutAnIamPrefix_fails() {
        List<String> problems = SentOperationsCheck.violations(
                List.of(new SentOperation("S3", "ListBuckets", 1)), DECLARED);

        assertThat(problems).containsExactly("unknown-service(S3):ListBuckets (S3 ListBuckets) is not a declared "
                + "IAM action");
    }

    @Test
    void theExtensionsCheck_failsTheClassOnAnUndeclaredLineOfTheLog() throws Exception {
        Path log = Files.writeString(tmp.resolve("ops.tsv"), """
                Sts\tGetCallerIdentity\t1\tsts:GetCallerIdentity
                Rds\tDeleteDBInstance\t1\trds:DeleteDBInstance
                """);

        assertThatThrownBy(() -> SentOperationsExtension.check(log, "SomeE2eTest"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SomeE2eTest")
                .hasMessageContaining("rds:DeleteDBInstance (Rds DeleteDBInstance) is not a declared IAM action")
                .hasMessageContaining("rds:DeleteDBInstance is not a Describe, List or Get operation")
                .hasMessageNotContaining("sts:GetCallerIdentity");
    }

    @Test
    void theExtensionsCheck_passesADeclaredLog() throws Exception {
        Path log = Files.writeString(tmp.resolve("ops.tsv"), "Sts\tGetCallerIdentity\t1\tsts:GetCallerIdentity\n");

        SentOperationsExtension.check(log, "SomeE2eTest");
    }
}
