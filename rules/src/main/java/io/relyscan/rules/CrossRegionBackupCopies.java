package io.relyscan.rules;

import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which AWS Backup selections assign a resource to a plan that copies recovery points to another region. */
final class CrossRegionBackupCopies {
    /** "copy to REGION (plan/selection)" per matching selection, and the selections that could not be evaluated. */
    record Result(Set<String> copies, List<String> unknownSelections) {
    }

    private final Map<String, List<String>> copiesByPlan = new HashMap<>();
    private final Map<ScanScope, List<BackupSelectionMatcher>> selections = new HashMap<>();

    CrossRegionBackupCopies(Inventory inventory) {
        for (BackupPlan plan : inventory.all(BackupPlan.class)) {
            List<String> copies = new ArrayList<>();
            plan.rules().stream().map(BackupRule::copyDestinationVaultArns).forEach(copies::addAll);
            copiesByPlan.put(plan.scope() + "/" + plan.planId(), copies);
        }
        for (BackupSelection s : inventory.all(BackupSelection.class)) {
            selections.computeIfAbsent(s.scope(), k -> new ArrayList<>()).add(BackupSelectionMatcher.compile(s));
        }
    }

    Result of(Resource resource) {
        Set<String> copies = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (BackupSelectionMatcher m : selections.getOrDefault(resource.scope(), List.of())) {
            Set<String> regions = otherRegions(resource,
                    copiesByPlan.getOrDefault(resource.scope() + "/" + m.selection().planId(), List.of()));
            if (regions.isEmpty()) {
                continue;
            }
            BackupSelectionMatcher.Verdict verdict = m.evaluate(resource.arn(), resource.tags()).verdict();
            if (verdict == BackupSelectionMatcher.Verdict.MATCH) {
                regions.forEach(r -> copies.add("AWS Backup copy to " + r + " (" + m.id() + ")"));
            } else if (verdict == BackupSelectionMatcher.Verdict.UNKNOWN) {
                unknown.add(m.id());
            }
        }
        return new Result(copies, unknown);
    }

    /** The regions, other than the resource's, named by these ARNs; plain identifiers are same-region. */
    static Set<String> otherRegions(Resource resource, List<String> arns) {
        Set<String> regions = new TreeSet<>();
        for (String arn : arns) {
            String[] parts = arn.split(":", 5);
            if (parts.length == 5 && parts[0].equals("arn") && !parts[3].isEmpty()
                    && !parts[3].equals(resource.region())) {
                regions.add(parts[3]);
            }
        }
        return regions;
    }
}
