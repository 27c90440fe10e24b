package io.relyscan.cli;

import io.relyscan.collectors.CrossAccountRole;
import io.relyscan.core.error.InputException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The multi-account options of {@code scan}: which accounts, and which role to assume in each. */
final class AccountsOption {
    @Option(names = "--accounts", paramLabel = "ID,...", split = ",", description = "Scan these accounts "
            + "(12-digit ids, comma-separated; repeatable) by assuming --role-name or --role-arn-template in each. "
            + "Default: only the caller's account.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--accounts-file", paramLabel = "FILE", description = "Also scan the accounts in FILE: one "
            + "12-digit id per line; blank lines and # comments are ignored.")
    Path accountsFile;

    @Option(names = "--role-name", paramLabel = "NAME", description = "Role to assume in each account: "
            + "arn:<partition>:iam::<account>:role/NAME.")
    String roleName;

    @Option(names = "--role-arn-template", paramLabel = "ARN", description = "Role ARN to assume in each account, "
            + "with {account} for the id, e.g. 'arn:aws:iam::{account}:role/Audit'.")
    String roleArnTemplate;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id passed to sts:AssumeRole.")
    String externalId;

    /** The accounts to scan in order, without duplicates; empty without --accounts and --accounts-file. */
    List<String> targets() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (String a : accounts) {
            String id = a.strip();
            if (!AccountsFile.ACCOUNT.matcher(id).matches()) {
                throw new InputException("--accounts: '" + a + "' is not a 12-digit AWS account id");
            }
            all.add(id);
        }
        if (accountsFile != null) {
            all.addAll(AccountsFile.read(accountsFile));
        }
        return List.copyOf(all);
    }

    /**
     * The role to assume, validated; empty when no account is given.
     *
     * @throws InputException for a missing, doubled or malformed role option, or one given without accounts
     */
    Optional<CrossAccountRole> role(List<String> targets) {
        boolean anyRoleOption = roleName != null || roleArnTemplate != null || externalId != null;
        if (targets.isEmpty()) {
            if (anyRoleOption) {
                throw new InputException("--role-name, --role-arn-template and --external-id need --accounts or "
                        + "--accounts-file");
            }
            return Optional.empty();
        }
        if (roleName != null && roleArnTemplate != null) {
            throw new InputException("--role-name and --role-arn-template cannot be combined");
        }
        if (roleName == null && roleArnTemplate == null) {
            throw new InputException("--accounts and --accounts-file need --role-name NAME or "
                    + "--role-arn-template ARN: the role to assume in each account");
        }
        return Optional.of(roleName != null ? CrossAccountRole.named(roleName, externalId)
                : new CrossAccountRole(roleArnTemplate, externalId));
    }
}
