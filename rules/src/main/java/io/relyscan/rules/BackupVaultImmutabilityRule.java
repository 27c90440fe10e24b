package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupVault;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * R43: a vault holding tier-1 recovery points ({@link Tier1Backups}) cannot be emptied: Vault Lock in compliance
 * mode whose LockDate has passed, with MinRetentionDays at least {@code minRetentionDays}. Not locked, governance
 * mode (no LockDate) or a LockDate still ahead (the lock can still be removed) are WARNs, as is a short minimum
 * retention. A logically air-gapped vault is locked by construction; restore-access vaults hold no copies of
 * their own and are not applicable. A vault holds tier-1 recovery points when a plan covering tier-1 resources
 * writes or copies to it, or when a listed recovery point in it is of a tier-1 resource (which also catches
 * on-demand backups and copies made outside any plan). Other vaults are not applicable when something is tier-1;
 * when nothing in the
 * inventory is tier-1, every vault is judged one level lower (INFO).
 */
public final class BackupVaultImmutabilityRule implements Rule {
    static final String MIN_RETENTION = "minRetentionDays";
    private static final RuleMetadata METADATA = new RuleMetadata("backup-vault-immutability", "R43",
            "Vaults holding tier-1 recovery points are locked in compliance mode", Severity.MEDIUM, "BackupVault",
            "Ransomware and compromised administrators delete backups before they strike; only a compliance-mode "
                    + "Vault Lock past its grace period stops anyone, root included, from deleting recovery points "
                    + "or shortening their retention.",
            "Apply Vault Lock in compliance mode (aws backup put-backup-vault-lock-configuration with "
                    + "--changeable-for-days and --min-retention-days), or copy to a logically air-gapped vault.",
            Controls.of("REL09-BP02", "A1.2*", "A.8.13*", "CP-9*, SI-12*"),
            List.of(RuleParameter.integer(MIN_RETENTION, 35, 1, "Fewest days the vault lock must enforce")),
            Set.of(AwsService.BACKUP));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Tier1Backups tier1 = new Tier1Backups(context);
        int minimum = context.intParameter(MIN_RETENTION);
        List<Finding> findings = new ArrayList<>();
        for (BackupVault vault : context.inventory().all(BackupVault.class)) {
            List<String> plans = tier1.tier1PlansOf(vault);
            List<String> pointOwners = tier1.tier1PointOwnersOf(vault);
            FindingBuilder f = context.on(vault).evidence("Locked", vault.locked())
                    .evidence("LockDate", vault.lockDate()).evidence("VaultType", vault.vaultType())
                    .evidence("MinRetentionDays", vault.minRetentionDays()).evidence(MIN_RETENTION, minimum)
                    .evidence("Tier1Plans", plans);
            if (!pointOwners.isEmpty()) {
                f.evidence("Tier1RecoveryPointsOf", pointOwners);
            }
            if ("RESTORE_ACCESS_BACKUP_VAULT".equals(vault.vaultType())) {
                findings.add(f.notApplicable("restore-access vault: it only shares another vault's recovery points"));
            } else if (tier1.anyTier1() && plans.isEmpty() && pointOwners.isEmpty()) {
                findings.add(f.notApplicable("no plan covering tier-1 resources targets or copies to this vault, "
                        + "and it holds no listed recovery point of a tier-1 resource"));
            } else {
                findings.add(judge(context, f, vault, minimum, tier1));
            }
        }
        return findings;
    }

    private static Finding judge(RuleContext context, FindingBuilder f, BackupVault vault, int minimum,
                                 Tier1Backups tier1) {
        boolean airGapped = BackupVault.LOGICALLY_AIR_GAPPED.equals(vault.vaultType());
        List<String> problems = new ArrayList<>();
        if (!airGapped) {
            if (vault.locked() == null) {
                return f.error("the vault's Locked state was not reported");
            }
            if (!vault.locked()) {
                problems.add("no Vault Lock: anyone with backup:DeleteRecoveryPoint can delete its recovery points");
            } else if (vault.lockDate() == null) {
                problems.add("Vault Lock in governance mode (no lock date): it can be removed with the right "
                        + "permissions");
            } else {
                try {
                    Instant lockDate = Instant.parse(vault.lockDate());
                    if (lockDate.isAfter(context.now())) {
                        problems.add("Vault Lock still in its grace period until " + vault.lockDate()
                                + ": it can still be removed");
                    }
                } catch (DateTimeParseException e) {
                    return f.error("unreadable lock date " + vault.lockDate());
                }
            }
        }
        if (Boolean.TRUE.equals(vault.locked()) || airGapped) {
            if (vault.minRetentionDays() == null || vault.minRetentionDays() < minimum) {
                problems.add("minimum retention " + (vault.minRetentionDays() == null ? "not set"
                        : vault.minRetentionDays() + " days") + ", below " + minimum + " days");
            }
        }
        if (!problems.isEmpty()) {
            return f.fail(tier1.severity(METADATA.severity().lower()), String.join("; ", problems));
        }
        return f.pass(airGapped ? "logically air-gapped vault (locked by construction), minimum retention "
                + vault.minRetentionDays() + " days" : "Vault Lock in compliance mode since " + vault.lockDate()
                + ", minimum retention " + vault.minRetentionDays() + " days");
    }
}
