package io.relyscan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scan --org} against an AWS Organization in moto: the caller's (management) account and four member
 * accounts created with organizations:CreateAccount, one of them closed (SUSPENDED). Each active account holds
 * a DB instance in us-east-1, created with its own credentials. Through the {@link FaultProxy}, one member's
 * AssumeRole is denied and, for another account, ec2:DescribeRegions is denied (as an SCP would). The scan must
 * list the organization, skip the suspended account, scan the management account with the caller's own
 * credentials and every other active account through its role, discover each account's regions (ap-east-1 is
 * not opted in in moto, so it is dropped although --region names it), and report the two broken accounts as
 * ERROR with their reasons while the others complete.
 */
class OrganizationScanTest {
    private static final String REGION = "us-east-1";
    private static final String NOT_OPTED_IN = "ap-east-1";
    private static final String MANAGEMENT = "123456789012";

    private static Emulator emulator;
    private static FaultProxy proxy;
    private static List<String> members;
    private static String suspended;

    @TempDir
    static Path work;

    @BeforeAll
    static void createOrganization() {
        emulator = Emulator.start();
        assumeTrue(emulator.backend().equals("moto"), "moto implements Organizations and maps assumed roles");
        List<String> created = new ArrayList<>();
        try (OrganizationsClient org = OrganizationsClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(base()).build()) {
            org.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            for (int i = 1; i <= 4; i++) {
                int n = i;
                created.add(org.createAccount(b -> b.accountName("member-" + n).email("member" + n + "@example.com"))
                        .createAccountStatus().accountId());
            }
            suspended = created.get(3);
            org.closeAccount(b -> b.accountId(suspended));
        }
        members = List.copyOf(created.subList(0, 3));
        MemberAccounts.createDbInstance(emulator.endpoint(), base(), "db-of-management");
        for (String m : members) {
            MemberAccounts.createDbInstance(emulator.endpoint(), m, "db-of-" + m);
        }
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

    private static AwsCredentialsProvider base() {
        return MemberAccounts.caller();
    }

    private static AwsCredentialsProvider assumed(String account) {
        return MemberAccounts.assumed(emulator.endpoint(), account);
    }

    @Test
    void orgScan_skipsSuspended_usesCallerCredentialsAtHome_andIsolatesBrokenAccounts() {
        String denied = members.get(2);
        proxy.inject(FaultRule.matching("sts", null, "AssumeRole").bodyContaining(denied)
                .error(403, "AccessDenied", "not authorized to perform: sts:AssumeRole on " + denied));
        // With --concurrency 1 the accounts' regions are listed one account after another in id order, so the
        // first DescribeRegions is that of the lowest id whose role could be assumed.
        TreeSet<String> reachable = new TreeSet<>(members.subList(0, 2));
        reachable.add(MANAGEMENT);
        String scpDenied = reachable.first();
        proxy.inject(FaultRule.matching("ec2", REGION, "DescribeRegions").limit(1)
                .error(403, "UnauthorizedOperation", "explicit deny in a service control policy"));

        Path out = work.resolve("org");
        Cli.Run run = Cli.run(Map.of(), "scan", "--endpoint-url", proxy.endpoint().toString(), "--org",
                "--role-name", "Audit", "--region", REGION, "--region", NOT_OPTED_IN, "--concurrency", "1",
                "--output-dir", out.toString(), "--format", "json", "--deadline", "3m");
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        List<String> active = new ArrayList<>(members);
        active.add(MANAGEMENT);
        List<String> healthy = active.stream().filter(a -> !a.equals(denied) && !a.equals(scpDenied)).toList();
        // A broken account's regions are unknown: it keeps every --region, each reported as ERROR.
        List<String> expectedScopes = new ArrayList<>();
        for (String a : active) {
            expectedScopes.add(a + "/" + REGION);
            if (!healthy.contains(a)) {
                expectedScopes.add(a + "/" + NOT_OPTED_IN);
            }
        }
        List<String> scopes = new ArrayList<>();
        report.root.path("scopes").forEach(s -> scopes.add(s.path("account").asText() + "/"
                + s.path("region").asText()));
        assertThat(scopes).as("the suspended account and the healthy accounts' not-opted-in region left out")
                .containsExactlyInAnyOrderElementsOf(expectedScopes);

        assertThat(healthy).hasSize(2);
        for (String account : healthy) {
            String expectedDb = account.equals(MANAGEMENT) ? "db-of-management" : "db-of-" + account;
            assertThat(dbInstances(report, account)).containsExactly(expectedDb);
            assertThat(report.coverage()).filteredOn(c -> c.account().equals(account) && c.service().equals("rds"))
                    .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("COMPLETE"));
        }
        assertThat(report.coverage()).filteredOn(c -> c.account().equals(denied)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.status()).isEqualTo("FAILED");
            assertThat(c.gaps()).contains("AssumeRole").contains("arn:aws:iam::" + denied + ":role/Audit");
        });
        assertThat(report.coverage()).filteredOn(c -> c.account().equals(scpDenied)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.status()).isEqualTo("FAILED");
            assertThat(c.gaps()).contains("DescribeRegions").contains("cannot list the regions of account "
                    + scpDenied).contains("explicit deny in a service control policy");
        });
        for (String broken : List.of(denied, scpDenied)) {
            assertThat(findingsOf(report, broken)).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.path("outcome").asText()).isEqualTo("ERROR"));
        }

        assertThat(proxy.attempts("organizations", REGION, "ListAccounts")).isEqualTo(1);
        assertThat(proxy.attempts("sts", REGION, "AssumeRole"))
                .as("one role per member; none for the management account, none for the suspended one")
                .isEqualTo(3);
        assertThat(proxy.attempts("ec2", REGION, "DescribeRegions"))
                .as("once per account whose role was assumed (the caller's own included)").isEqualTo(3);
        assertThat(proxy.attemptsByCall().keySet()).noneSatisfy(k ->
                assertThat(k.toString()).contains(NOT_OPTED_IN));
    }

    @Test
    void excludeAccount_leavesAccountsOfTheOrganizationOut() {
        List<String> excluded = List.of(members.get(0), MANAGEMENT);
        Path out = work.resolve("excluded");
        Cli.Run run = Cli.run(Map.of(), "scan", "--endpoint-url", proxy.endpoint().toString(), "--org",
                "--role-name", "Audit", "--exclude-account", String.join(",", excluded), "--region", REGION,
                "--output-dir", out.toString(), "--format", "json", "--deadline", "3m");
        ReportJson report = ReportJson.read(out);

        assertThat(report.root.path("scopes").findValuesAsText("account")).as(run.toString())
                .containsExactlyInAnyOrderElementsOf(members.subList(1, 3));
        assertThat(dbInstances(report, members.get(1))).containsExactly("db-of-" + members.get(1));
    }

    @Test
    void allRegions_withAccounts_scansEachAccountsEnabledRegions() {
        List<String> enabled;
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(emulator.endpoint()).region(Region.of(REGION))
                .credentialsProvider(assumed(members.get(0))).build()) {
            enabled = ec2.describeRegions(b -> b.allRegions(true)).regions().stream()
                    .filter(r -> !"not-opted-in".equals(r.optInStatus()))
                    .map(software.amazon.awssdk.services.ec2.model.Region::regionName).toList();
        }
        assertThat(enabled).contains(REGION, "eu-west-1").doesNotContain(NOT_OPTED_IN);
        List<String> args = new ArrayList<>(List.of("scan", "--endpoint-url", proxy.endpoint().toString(),
                "--accounts", members.get(0), "--role-name", "Audit", "--all-regions",
                "--output-dir", work.resolve("all-regions").toString(), "--format", "json", "--deadline", "3m"));
        for (String r : enabled) {
            if (!r.equals(REGION) && !r.equals("eu-west-1")) {
                args.addAll(List.of("--exclude-region", r));
            }
        }
        Cli.Run run = Cli.run(Map.of(), args.toArray(String[]::new));
        ReportJson report = ReportJson.read(work.resolve("all-regions"));

        assertThat(report.root.path("scopes").findValuesAsText("region")).as(run.toString())
                .containsExactlyInAnyOrder("eu-west-1", REGION);
        assertThat(report.root.path("scopes").findValuesAsText("account")).containsOnly(members.get(0));
        assertThat(dbInstances(report, members.get(0))).containsExactly("db-of-" + members.get(0));
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
