package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupVault;
import io.relyscan.core.inventory.BackupVaultAccessPolicy;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * R44: a vault's access policy denies, to every principal ({@code principalArnList} exempt), deleting recovery
 * points, shortening their lifecycle and replacing the policy itself. Statement semantics and the judgements on
 * conditions, NotPrincipal, NotAction and NotResource are in {@link VaultAccessPolicy}. No policy at all, a policy
 * that cannot be read and a policy leaving any of the three actions open all FAIL. The Resource must cover a
 * recovery point of the vault's region and account ({@code *} does) for the two recovery-point actions, and the
 * vault itself for PutBackupVaultAccessPolicy. Restore-access vaults hold no recovery points of their own and are
 * not applicable.
 */
public final class BackupVaultDeletionGuardRule implements Rule {
    static final String PRINCIPAL_ARN_LIST = "principalArnList";
    static final List<String> GUARDED_ACTIONS = List.of("backup:DeleteRecoveryPoint",
            "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy");
    private static final RuleMetadata METADATA = new RuleMetadata("backup-vault-deletion-guard", "R44",
            "Vault access policies deny deleting recovery points", Severity.MEDIUM, "BackupVault",
            "Without a Deny in the vault's access policy, any principal whose IAM policies allow "
                    + "backup:DeleteRecoveryPoint (an over-broad role, a compromised administrator) can delete "
                    + "backups or shorten their retention, and can rewrite the policy that would have stopped it.",
            "Attach a vault access policy (aws backup put-backup-vault-access-policy) with a Deny statement, "
                    + "Principal \"*\" and Resource \"*\", for backup:DeleteRecoveryPoint, "
                    + "backup:UpdateRecoveryPointLifecycle and backup:PutBackupVaultAccessPolicy; exempt break-glass "
                    + "roles with an ArnNotLike condition on aws:PrincipalArn and list them in principalArnList.",
            Controls.of("REL09-BP02", "A1.2, CC7.4", "A.8.13*", "CP-9*"),
            List.of(RuleParameter.stringList(PRINCIPAL_ARN_LIST, List.of(),
                    "Principal ARNs (wildcards * allowed) that the Deny may exempt")),
            Set.of(AwsService.BACKUP));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<String> allowed = context.stringListParameter(PRINCIPAL_ARN_LIST);
        List<Pattern> allowedPatterns = allowed.stream().map(a -> VaultAccessPolicy.wildcard(a, false)).toList();
        Predicate<String> exempt = p -> allowed.contains(p)
                || allowedPatterns.stream().anyMatch(a -> a.matcher(p).matches());
        Map<String, BackupVaultAccessPolicy> policies = new HashMap<>();
        context.inventory().all(BackupVaultAccessPolicy.class)
                .forEach(p -> policies.put(p.scope() + "/" + p.vaultName(), p));
        List<Finding> findings = new ArrayList<>();
        for (BackupVault vault : context.inventory().all(BackupVault.class)) {
            FindingBuilder f = context.on(vault).evidence("VaultType", vault.vaultType())
                    .evidence(PRINCIPAL_ARN_LIST, allowed);
            BackupVaultAccessPolicy policy = policies.get(vault.scope() + "/" + vault.name());
            if ("RESTORE_ACCESS_BACKUP_VAULT".equals(vault.vaultType())) {
                findings.add(f.notApplicable("restore-access vault: it only shares another vault's recovery points"));
            } else if (policy == null) {
                findings.add(f.error("the vault's access policy was not collected"));
            } else if (policy.policy() == null) {
                findings.add(f.evidence("Policy", null).fail("no access policy: nothing denies deleting its "
                        + "recovery points beyond the callers' own IAM permissions"));
            } else {
                findings.add(judge(f.evidence("Policy", policy.policy()), vault, policy.policy(), exempt));
            }
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, BackupVault vault, String document, Predicate<String> exempt) {
        VaultAccessPolicy policy;
        try {
            policy = VaultAccessPolicy.parse(document);
        } catch (IllegalArgumentException e) {
            return f.fail("the access policy cannot be read (" + e.getMessage() + "), so it guards nothing "
                    + "relyscan can verify");
        }
        String[] arn = vault.arn().split(":");
        String prefix = "arn:" + (arn.length > 1 ? arn[1] : "aws") + ":backup:" + vault.region() + ":"
                + vault.account();
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put(GUARDED_ACTIONS.get(0), prefix + ":recovery-point:*");
        targets.put(GUARDED_ACTIONS.get(1), prefix + ":recovery-point:*");
        targets.put(GUARDED_ACTIONS.get(2), vault.arn());
        VaultAccessPolicy.Coverage coverage = policy.coverage(targets, exempt);
        List<String> uncovered = coverage.uncovered();
        f.evidence("DenyingStatements", coverage.denyingStatements().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList())
                .evidence("UncoveredActions", uncovered).evidence("StatementsNotCounted", coverage.notes());
        if (uncovered.isEmpty()) {
            return f.pass("a Deny for every principal covers " + String.join(", ", GUARDED_ACTIONS));
        }
        return f.fail("no unconditional Deny for every principal covers " + String.join(", ", uncovered)
                + (coverage.notes().isEmpty() ? "" : "; not counted: " + String.join("; ", coverage.notes())));
    }
}
