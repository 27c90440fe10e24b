package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.BackupVault;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * R45: a plan covering tier-1 resources ({@link Tier1Backups}) copies recovery points to a vault in another
 * region (and, with {@code requireOtherAccount}, another account too). No such copy is a WARN. A destination in a
 * scanned account and region whose Backup collection is complete, but absent from the inventory, no longer exists
 * and every copy job fails: FAIL. A destination outside the scan cannot be verified without calling another region,
 * which the scanner does not do: INFO. A destination in a scanned region whose Backup collection is incomplete was
 * looked for and not seen: when nothing else decides the plan, ERROR (never PASS, and not a softer INFO). Other plans are not applicable when something is tier-1; when nothing in the
 * inventory is tier-1, every plan is judged one level lower.
 */
public final class BackupCrossRegionCopyRule implements Rule {
    static final String OTHER_ACCOUNT = "requireOtherAccount";
    private static final RuleMetadata METADATA = new RuleMetadata("backup-cross-region-copy", "R45",
            "Plans covering tier-1 resources copy to another region", Severity.MEDIUM, "BackupPlan",
            "Recovery points in the source region are lost with the region, and with the account if it is "
                    + "compromised; a copy to a vault elsewhere is what a regional or account-level disaster "
                    + "recovery restores from.",
            "Add a copy action to the plan's rule that targets a vault in another region (ideally in a separate "
                    + "backup account), and make sure that vault exists.",
            Controls.of("REL13-BP02, REL10-BP01*", "A1.2*", "A.5.30*, A.8.13*", "CP-6, CP-6(1), CP-9*"),
            List.of(RuleParameter.bool(OTHER_ACCOUNT, false, "Also require the copy to go to another account")),
            Set.of(AwsService.BACKUP));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Tier1Backups tier1 = new Tier1Backups(context);
        boolean otherAccount = context.booleanParameter(OTHER_ACCOUNT);
        List<Finding> findings = new ArrayList<>();
        for (BackupPlan plan : context.inventory().all(BackupPlan.class)) {
            List<String> covered = tier1.tier1ResourcesOf(plan);
            Set<String> destinations = new TreeSet<>();
            plan.rules().stream().map(BackupRule::copyDestinationVaultArns).forEach(destinations::addAll);
            FindingBuilder f = context.on(plan).evidence("CopyDestinations", List.copyOf(destinations))
                    .evidence("Tier1Resources", covered).evidence(OTHER_ACCOUNT, otherAccount);
            if (tier1.anyTier1() && covered.isEmpty()) {
                findings.add(f.notApplicable("no selection of the plan covers a tier-1 resource"));
                continue;
            }
            List<String> existing = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            List<String> unverified = new ArrayList<>();
            List<String> unseen = new ArrayList<>();
            for (String arn : destinations) {
                String[] parts = arn.split(":", 6);
                if (parts.length < 6 || parts[3].equals(plan.region())
                        || (otherAccount && parts[4].equals(plan.account()))) {
                    continue;
                }
                ScanScope scope = context.inventory().scopes().stream()
                        .filter(s -> s.account().equals(parts[4]) && s.region().equals(parts[3])).findFirst()
                        .orElse(null);
                if (context.inventory().byArn(arn, BackupVault.class).isPresent()) {
                    existing.add(arn);
                } else if (scope == null) {
                    unverified.add(arn);
                } else if (context.inventory().coverage().isComplete(scope, AwsService.BACKUP)) {
                    missing.add(arn);
                } else {
                    unseen.add(arn);
                }
            }
            f.evidence("MissingDestinations", missing).evidence("UnverifiedDestinations", unverified)
                    .evidence("DestinationsInIncompletelyCollectedRegions", unseen);
            List<String> notVerified = new ArrayList<>(unverified);
            notVerified.addAll(unseen);
            String where = otherAccount ? "another region and account" : "another region";
            if (!missing.isEmpty()) {
                findings.add(f.fail(tier1.severity(METADATA.severity()), "copies to vault(s) that no longer exist, "
                        + "so every copy job fails: " + String.join(", ", missing)));
            } else if (!existing.isEmpty()) {
                findings.add(f.pass("copies recovery points to " + where + ": " + String.join(", ", existing)
                        + (notVerified.isEmpty() ? "" : " (and to " + String.join(", ", notVerified)
                        + ", in a region not scanned completely: not verified)")));
            } else if (!unseen.isEmpty()) {
                findings.add(f.error("copies to " + where + " (" + String.join(", ", unseen) + "), but AWS Backup "
                        + "was not completely collected in that region: cannot tell whether the vault exists"));
            } else if (!unverified.isEmpty()) {
                findings.add(f.fail(Severity.INFO, "copies to " + where + " (" + String.join(", ", unverified)
                        + "), a region outside the scan: cannot verify the vault exists"));
            } else {
                findings.add(f.fail(tier1.severity(METADATA.severity().lower()), "no rule copies recovery points to "
                        + where + (covered.isEmpty() ? "" : "; it covers tier-1 " + String.join(", ", covered))));
            }
        }
        return findings;
    }
}
