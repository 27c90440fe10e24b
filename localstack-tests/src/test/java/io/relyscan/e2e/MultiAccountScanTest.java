package io.relyscan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scan --accounts A,B,C --role-name Audit} against moto, which gives credentials from AssumeRole the
 * account of the role ARN: A and B each hold one DB instance, created with their own assumed-role credentials;
 * C's AssumeRole is answered 403 AccessDenied by the {@link FaultProxy} (moto accepts any AssumeRole). A and B
 * are scanned with their own resources and account ids; every scope of C is FAILED naming the role, its findings
 * are ERROR, and the scan exits 3. The role ARN template and the external id reach AssumeRole as given.
 */
class MultiAccountScanTest {
    private static final String REGION = "us-east-1";
    private static final String A = "111122223333";
    private static final String B = "222233334444";
    private static final String C = "333344445555";

    private static Emulator emulator;
    private static FaultProxy proxy;

    @TempDir
    static Path work;

    @BeforeAll
    static void createResourcesInTwoMemberAccounts() {
        emulator = Emulator.start();
        assumeTrue(emulator.backend().equals("moto"), "moto maps assumed-role credentials to the role's account");
        createDbInstance(A, "db-of-a");
        createDbInstance(B, "db-of-b");
        proxy = FaultProxy.start(emulator.endpoint());
    }

    @BeforeEach
    void resetProxy() {
        proxy.clearRules();
        proxy.resetCounts();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static void createDbInstance(String account, String name) {
        MemberAccounts.createDbInstance(emulator.endpoint(), account, name);
    }

    @Test
    void eachAccountIsScannedWithItsOwnRole_andOneDeniedAccountFailsAlone() {
        // C's id appears in the AssumeRole request only in its RoleArn parameter.
        proxy.inject(FaultRule.matching("sts", null, "AssumeRole").bodyContaining(C)
                .error(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/test is not authorized to "
                        + "perform: sts:AssumeRole on resource: arn:aws:iam::" + C + ":role/Audit"));
        Path out = work.resolve("multi");
        Cli.Run run = Cli.run(Map.of(), "scan", "--endpoint-url", proxy.endpoint().toString(),
                "--accounts", A + "," + B + "," + C, "--role-name", "Audit", "--region", REGION,
                "--output-dir", out.toString(), "--format", "json", "--deadline", "2m");
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(report.root.path("scopes").findValuesAsText("account")).containsExactly(A, B, C);

        // A and B: their own DB instance, under their own account id, and RDS fully collected.
        assertThat(dbInstances(report, A)).containsExactly("db-of-a");
        assertThat(dbInstances(report, B)).containsExactly("db-of-b");
        for (String account : List.of(A, B)) {
            assertThat(report.coverage()).filteredOn(c -> c.account().equals(account) && c.service().equals("rds"))
                    .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("COMPLETE"));
        }

        // C: every (region, service) FAILED with the AssumeRole denial naming the role; all its findings ERROR.
        assertThat(report.coverage()).filteredOn(c -> c.account().equals(C)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.status()).isEqualTo("FAILED");
            assertThat(c.gaps()).contains("AssumeRole").contains("ACCESS_DENIED")
                    .contains("arn:aws:iam::" + C + ":role/Audit");
        });
        List<JsonNode> ofC = findingsOf(report, C);
        assertThat(ofC).isNotEmpty().allSatisfy(f -> assertThat(f.path("outcome").asText()).isEqualTo("ERROR"));
        assertThat(findingsOf(report, A)).anySatisfy(f -> assertThat(f.path("outcome").asText()).isIn("PASS",
                "FAIL"));

        // C's role was asked for once, not once per (region, service).
        assertThat(proxy.attempts("sts", REGION, "AssumeRole")).isEqualTo(3);
    }

    @Test
    void accountsFile_roleArnTemplate_andExternalId_areWhatAssumeRoleSends() throws Exception {
        Path accounts = work.resolve("accounts.txt");
        Files.writeString(accounts, "# audited\n\n" + A + "  # member A\n");
        // Denied only when the request carries the external id: the denial proves it was sent.
        proxy.inject(FaultRule.matching("sts", null, "AssumeRole").bodyContaining("ExternalId=ext-42")
                .error(403, "AccessDenied", "external id mismatch"));

        Path out = work.resolve("template");
        Cli.Run run = Cli.run(Map.of(), "scan", "--endpoint-url", proxy.endpoint().toString(),
                "--accounts-file", accounts.toString(), "--role-arn-template", "arn:aws:iam::{account}:role/ops/Audit",
                "--external-id", "ext-42", "--region", REGION, "--output-dir", out.toString(), "--format", "json",
                "--deadline", "2m");
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(report.coverage()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.account()).isEqualTo(A);
            assertThat(c.status()).isEqualTo("FAILED");
            assertThat(c.gaps()).contains("cannot assume role arn:aws:iam::" + A + ":role/ops/Audit")
                    .contains("external id mismatch");
        });
        assertThat(proxy.faultsInjected()).isEqualTo(1);
    }

    @Test
    void shardedScans_mergedWithRelyscanMerge_equalTheUnshardedScan_findingForFinding() {
        List<String> common = List.of("--endpoint-url", proxy.endpoint().toString(), "--accounts", A + "," + B,
                "--role-name", "Audit", "--region", REGION, "--format", "json", "--deadline", "2m");
        Path whole = work.resolve("unsharded");
        Cli.Run unsharded = scan(common, "--output-dir", whole.toString());

        List<String> snapshots = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path snapshot = work.resolve("shard-" + k + ".json");
            Cli.Run shard = scan(common, "--shard", k + "/2", "--output-dir", work.resolve("shard-" + k).toString(),
                    "--save-inventory", snapshot.toString());
            // Without the AWS Backup overlay moto leaves Backup uncollected, so every scan here is incomplete (3).
            assertThat(shard.exitCode()).as(shard.toString()).isEqualTo(unsharded.exitCode());
            snapshots.add(snapshot.toString());
        }
        List<String> mergeArgs = new ArrayList<>(List.of("merge", "--output-dir", work.resolve("merged").toString(),
                "--format", "json"));
        mergeArgs.addAll(snapshots);
        Cli.Run merged = Cli.run(Map.of(), mergeArgs.toArray(String[]::new));

        ReportJson expected = ReportJson.read(whole);
        ReportJson actual = ReportJson.read(work.resolve("merged"));
        assertThat(merged.exitCode()).as(merged.toString()).isEqualTo(unsharded.exitCode());
        assertThat(actual.findings()).extracting(ReportJson.Row::key)
                .containsExactlyInAnyOrderElementsOf(expected.findings().stream().map(ReportJson.Row::key).toList());
        assertThat(actual.root.path("scopes").findValuesAsText("account")).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void shard_withoutAnAccountList_isAUsageError() {
        Cli.Run run = Cli.run(Map.of(), "scan", "--endpoint-url", proxy.endpoint().toString(), "--shard", "1/2",
                "--region", REGION, "--output-dir", work.resolve("no-list").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--shard partitions the account list");
        assertThat(proxy.totalAttempts()).isZero();
    }

    private static Cli.Run scan(List<String> common, String... more) {
        List<String> args = new ArrayList<>(List.of("scan"));
        args.addAll(common);
        args.addAll(List.of(more));
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    private static List<JsonNode> findingsOf(ReportJson report, String account) {
        List<JsonNode> out = new ArrayList<>();
        report.findingsNode().forEach(f -> {
            if (f.path("resource").path("account").asText().equals(account)) {
                out.add(f);
            }
        });
        return out;
    }

    private static List<String> dbInstances(ReportJson report, String account) {
        return findingsOf(report, account).stream()
                .filter(f -> f.path("ruleId").asText().equals("rds-deletion-protection"))
                .map(f -> f.path("resource").path("name").asText()).distinct().sorted().toList();
    }
}
