package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.BackupVault;
import io.relyscan.core.inventory.RecoveryPoint;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which backup plans cover tier-1 data and which vaults hold it, decided from the inventory alone.
 *
 * <p>A plan covers tier-1 data when it is itself marked tier-1, or when one of its selections (same account and
 * region) matches a tier-1 resource under {@link BackupSelectionMatcher} (an undecidable match counts, to stay on
 * the safe side). A vault holds tier-1 recovery points when it is itself marked tier-1, or when a rule of such a
 * plan targets it by name (same account and region) or copies to its ARN, or when it holds a recovery point of a
 * tier-1 resource (the point's ResourceArn; copies keep the source's ARN). When nothing in the inventory is tier-1
 * (no tier-1 selector, or nothing matches it), no line can be drawn: the rules then judge every plan and vault one
 * severity level lower.
 */
final class Tier1Backups {
    private final boolean anyTier1;
    private final Map<String, Set<String>> resourcesByPlan = new HashMap<>();
    private final Map<String, Set<String>> plansByVault = new HashMap<>();
    private final Map<String, Set<String>> pointOwnersByVault = new HashMap<>();

    Tier1Backups(RuleContext context) {
        List<Resource> tier1 = context.inventory().resources().stream().filter(context::isTier1).toList();
        anyTier1 = !tier1.isEmpty();
        Map<ScanScope, List<BackupSelectionMatcher>> selections = new HashMap<>();
        for (BackupSelection s : context.inventory().all(BackupSelection.class)) {
            selections.computeIfAbsent(s.scope(), k -> new ArrayList<>()).add(BackupSelectionMatcher.compile(s));
        }
        for (Resource r : tier1) {
            if (r.service() == AwsService.BACKUP) {
                continue;
            }
            for (BackupSelectionMatcher m : selections.getOrDefault(r.scope(), List.of())) {
                BackupSelectionMatcher.Verdict v = m.evaluate(r.arn(), r.tags()).verdict();
                if (v != BackupSelectionMatcher.Verdict.NO_MATCH) {
                    resourcesByPlan.computeIfAbsent(r.scope() + "/" + m.selection().planId(), k -> new TreeSet<>())
                            .add(r.displayName() + (v == BackupSelectionMatcher.Verdict.UNKNOWN ? " (maybe)" : ""));
                }
            }
        }
        for (BackupPlan plan : context.inventory().all(BackupPlan.class)) {
            if (context.isTier1(plan)) {
                resourcesByPlan.computeIfAbsent(key(plan), k -> new TreeSet<>()).add("the plan itself");
            }
            if (!resourcesByPlan.containsKey(key(plan))) {
                continue;
            }
            for (BackupRule rule : plan.rules()) {
                if (rule.targetVaultName() != null) {
                    plansByVault.computeIfAbsent(plan.scope() + "/" + rule.targetVaultName(), k -> new TreeSet<>())
                            .add(plan.displayName());
                }
                for (String arn : rule.copyDestinationVaultArns()) {
                    context.inventory().byArn(arn, BackupVault.class).ifPresent(v -> plansByVault
                            .computeIfAbsent(key(v), k -> new TreeSet<>()).add(plan.displayName()));
                }
            }
        }
        for (RecoveryPoint point : context.inventory().all(RecoveryPoint.class)) {
            if (point.resourceArn() != null) {
                context.inventory().byArn(point.resourceArn()).filter(context::isTier1).ifPresent(r ->
                        pointOwnersByVault.computeIfAbsent(point.scope() + "/" + point.vaultName(),
                                k -> new TreeSet<>()).add(r.displayName()));
            }
        }
        for (BackupVault vault : context.inventory().all(BackupVault.class)) {
            if (context.isTier1(vault)) {
                plansByVault.computeIfAbsent(key(vault), k -> new TreeSet<>()).add("the vault itself");
            }
        }
    }

    /** True when some resource of the inventory is tier-1, so plans and vaults can be told apart. */
    boolean anyTier1() {
        return anyTier1;
    }

    /** The tier-1 resources the plan's selections cover; empty when none. */
    List<String> tier1ResourcesOf(BackupPlan plan) {
        return List.copyOf(resourcesByPlan.getOrDefault(key(plan), Set.of()));
    }

    /** The plans that put tier-1 recovery points into the vault; empty when none. */
    List<String> tier1PlansOf(BackupVault vault) {
        return List.copyOf(plansByVault.getOrDefault(key(vault), Set.of()));
    }

    /** The tier-1 resources the vault holds recovery points of (from the listed points); empty when none. */
    List<String> tier1PointOwnersOf(BackupVault vault) {
        return List.copyOf(pointOwnersByVault.getOrDefault(key(vault), Set.of()));
    }

    /** The severity for a judged plan or vault: as given when tier-1 is known, one level lower otherwise. */
    Severity severity(Severity base) {
        return anyTier1 ? base : base.lower();
    }

    private static String key(BackupPlan plan) {
        return plan.scope() + "/" + plan.planId();
    }

    private static String key(BackupVault vault) {
        return vault.scope() + "/" + vault.name();
    }
}
