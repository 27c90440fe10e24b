package io.relyscan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Multi-account options are validated before any AWS call (the endpoint here is unreachable). */
class AccountsOptionTest {
    private static final String NOWHERE = "http://127.0.0.1:9";

    @TempDir
    Path tmp;

    private CliUsageTest.Result scan(String... extra) {
        String[] base = {"scan", "--region", "us-east-1", "--endpoint-url", NOWHERE, "--output-dir",
                tmp.resolve("out").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliUsageTest.run(args);
    }

    private static void assertUsageError(CliUsageTest.Result r, String expected) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(expected);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void accountsFile_badIdOnALine_namesFileAndLine() throws Exception {
        Path file = tmp.resolve("accounts.txt");
        Files.writeString(file, "# members\n111122223333\n\n  222233334444  # prod\n12345\n");

        assertUsageError(scan("--accounts-file", file.toString(), "--role-name", "Audit"),
                file + ":5: '12345' is not a 12-digit AWS account id");
    }

    @Test
    void accountsFile_commentsAndBlankLinesAreIgnored() throws Exception {
        Path file = tmp.resolve("accounts.txt");
        Files.writeString(file, "# members\n111122223333\n\n  222233334444  # prod\n111122223333\n");

        assertThat(AccountsFile.read(file)).containsExactly("111122223333", "222233334444", "111122223333");
    }

    @Test
    void accountsFile_withoutAnyId_isUsageError() throws Exception {
        Path file = tmp.resolve("accounts.txt");
        Files.writeString(file, "# nothing yet\n\n");

        assertUsageError(scan("--accounts-file", file.toString(), "--role-name", "Audit"), "names no account");
    }

    @Test
    void accountsFile_missing_isUsageError() {
        assertUsageError(scan("--accounts-file", tmp.resolve("none.txt").toString(), "--role-name", "Audit"),
                "--accounts-file: cannot read");
    }

    @Test
    void accounts_badId_isUsageError() {
        assertUsageError(scan("--accounts", "111122223333,abc", "--role-name", "Audit"),
                "--accounts: 'abc' is not a 12-digit AWS account id");
    }

    @Test
    void accounts_withoutRole_isUsageError() {
        assertUsageError(scan("--accounts", "111122223333"), "need --role-name NAME or --role-arn-template ARN");
    }

    @Test
    void roleName_withoutAccounts_isUsageError() {
        assertUsageError(scan("--role-name", "Audit"), "need --org, --accounts or --accounts-file");
    }

    @Test
    void roleNameAndTemplate_together_isUsageError() {
        assertUsageError(scan("--accounts", "111122223333", "--role-name", "Audit", "--role-arn-template",
                "arn:aws:iam::{account}:role/Audit"), "--role-name and --role-arn-template cannot be combined");
    }

    @Test
    void template_withoutAccountPlaceholder_isUsageError() {
        assertUsageError(scan("--accounts", "111122223333", "--role-arn-template",
                "arn:aws:iam::111122223333:role/Audit"), "must contain {account}");
    }

    @Test
    void badRoleName_isUsageError() {
        assertUsageError(scan("--accounts", "111122223333", "--role-name", "Audit Role"),
                "is not an IAM role name");
    }

    @Test
    void badExternalId_isUsageError() {
        assertUsageError(scan("--accounts", "111122223333", "--role-name", "Audit", "--external-id", "x"),
                "--external-id: must be 2 to 1224 characters");
    }

    @Test
    void org_withAccounts_isUsageError() {
        assertUsageError(scan("--org", "--accounts", "111122223333", "--role-name", "Audit"),
                "--org cannot be combined with --accounts or --accounts-file");
    }

    @Test
    void org_withoutRole_isUsageError() {
        assertUsageError(scan("--org"), "--org needs --role-name NAME or --role-arn-template ARN");
    }

    @Test
    void excludeAccount_withoutAnAccountList_isUsageError() {
        assertUsageError(scan("--exclude-account", "111122223333"),
                "--exclude-account needs --org, --accounts or --accounts-file");
    }

    @Test
    void excludeAccount_badId_isUsageError() {
        assertUsageError(scan("--org", "--role-name", "Audit", "--exclude-account", "1111"),
                "--exclude-account: '1111' is not a 12-digit AWS account id");
    }

    @Test
    void excludeAccount_removingEveryListedAccount_isUsageError() {
        assertUsageError(scan("--accounts", "111122223333,222233334444", "--role-name", "Audit",
                "--exclude-account", "222233334444,111122223333"),
                "no account left to scan: --exclude-account removes every account of --accounts/--accounts-file");
    }

    @Test
    void help_listsTheMultiAccountOptions() {
        CliUsageTest.Result r = CliUsageTest.run("scan", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--org", "--exclude-account=ID", "--accounts=ID,...", "--accounts-file=FILE",
                "--role-name=NAME",
                "--role-arn-template=ARN", "--external-id=ID");
    }
}
