package io.relyscan.cli;

import io.relyscan.collectors.CrossAccountRole;
import io.relyscan.core.error.InputException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The multi-account options of {@code scan}: which accounts, and which role to assume in each. */
final class AccountsOption {
    @Option(names = "--accounts", paramLabel = "ID,...", split = ",", description = "Scan these accounts "
            + "(12-digit ids, comma-separated; repeatable) by assuming --role-name or --role-arn-template in each. "
            + "Default: only the caller's account.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--accounts-file", paramLabel = "FILE", description = "Also scan the accounts in FILE: one "
            + "12-digit id per line; blank lines and # comments are ignored.")
    Path accountsFile;

    @Option(names = "--org", description = "Scan every ACTIVE account of the caller's AWS Organization "
            + "(organizations:ListAccounts; run it from the management account or a delegated administrator). "
            + "Suspended and closing accounts are skipped.")
    boolean org;

    @Option(names = "--exclude-account", paramLabel = "ID", split = ",", description = "Do not scan this account "
            + "(12-digit id; comma-separated, repeatable); with --org, --accounts or --accounts-file.")
    List<String> excludedAccounts = new ArrayList<>();

    @Option(names = "--role-name", paramLabel = "NAME", description = "Role to assume in each account: "
            + "arn:<partition>:iam::<account>:role/NAME.")
    String roleName;

    @Option(names = "--role-arn-template", paramLabel = "ARN", description = "Role ARN to assume in each account, "
            + "with {account} for the id, e.g. 'arn:aws:iam::{account}:role/Audit'.")
    String roleArnTemplate;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id passed to sts:AssumeRole.")
    String externalId;

    /** Whether the accounts come from the caller's organization; validated against the other options. */
    boolean fromOrganization() {
        if (org && (!accounts.isEmpty() || accountsFile != null)) {
            throw new InputException("--org cannot be combined with --accounts or --accounts-file; "
                    + "leave accounts out with --exclude-account ID");
        }
        return org;
    }

    /**
     * The accounts not to scan, validated.
     *
     * @throws InputException for a malformed id, or --exclude-account without a list of accounts to exclude from
     */
    Set<String> excluded() {
        Set<String> out = new LinkedHashSet<>();
        for (String a : excludedAccounts) {
            String id = a.strip();
            if (!AccountsFile.ACCOUNT.matcher(id).matches()) {
                throw new InputException("--exclude-account: '" + a + "' is not a 12-digit AWS account id");
            }
            out.add(id);
        }
        if (!out.isEmpty() && !org && accounts.isEmpty() && accountsFile == null) {
            throw new InputException("--exclude-account needs --org, --accounts or --accounts-file");
        }
        return out;
    }

    /** The given accounts minus --exclude-account, in order; an empty result is a usage error. */
    List<String> withoutExcluded(List<String> candidates, String source) {
        Set<String> excluded = excluded();
        List<String> kept = candidates.stream().filter(a -> !excluded.contains(a)).toList();
        if (!candidates.isEmpty() && kept.isEmpty()) {
            throw new InputException("no account left to scan: --exclude-account removes every account of "
                    + source);
        }
        return kept;
    }

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
        if (targets.isEmpty() && !org) {
            if (anyRoleOption) {
                throw new InputException("--role-name, --role-arn-template and --external-id need --org, "
                        + "--accounts or --accounts-file");
            }
            return Optional.empty();
        }
        if (roleName != null && roleArnTemplate != null) {
            throw new InputException("--role-name and --role-arn-template cannot be combined");
        }
        if (roleName == null && roleArnTemplate == null) {
            throw new InputException((org ? "--org needs" : "--accounts and --accounts-file need")
                    + " --role-name NAME or --role-arn-template ARN: the role to assume in each account");
        }
        return Optional.of(roleName != null ? CrossAccountRole.named(roleName, externalId)
                : new CrossAccountRole(roleArnTemplate, externalId));
    }
}
