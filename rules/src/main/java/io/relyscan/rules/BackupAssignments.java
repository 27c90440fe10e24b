package io.relyscan.rules;

import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which backup selections of its account and region assign a resource to a plan (R39's question, also asked by
 * R21). Selections are compiled once per inventory and grouped by scope, so each resource costs one pass over its
 * own region's selections.
 */
final class BackupAssignments {
    /**
     * The answer for one resource.
     *
     * @param verdict   MATCH when a selection assigns it, UNKNOWN when none does for certain but some could not be
     *                  evaluated, NO_MATCH otherwise
     * @param matching  "planId/selectionId" of the matching selections, sorted
     * @param reasons   why each matched, sorted
     * @param orphans   matching selections whose plan is not in the inventory
     * @param unknown   selections that could not be evaluated, with why, sorted
     * @param evaluated how many selections of the scope were tried
     */
    record Assignment(BackupSelectionMatcher.Verdict verdict, List<String> matching, List<String> reasons,
                      List<String> orphans, List<String> unknown, int evaluated) {
        boolean assigned() {
            return verdict == BackupSelectionMatcher.Verdict.MATCH;
        }
    }

    private final Map<ScanScope, List<BackupSelectionMatcher>> selections = new HashMap<>();
    private final Set<String> plans = new HashSet<>();
    /** Selections whose plan is not in the inventory (decided once, not per resource). */
    private final Set<BackupSelectionMatcher> orphaned = new HashSet<>();

    private BackupAssignments(Inventory inventory) {
        for (BackupSelection s : inventory.all(BackupSelection.class)) {
            selections.computeIfAbsent(s.scope(), k -> new ArrayList<>()).add(BackupSelectionMatcher.compile(s));
        }
        inventory.all(BackupPlan.class).forEach(p -> plans.add(p.scope() + "/" + p.planId()));
        selections.values().forEach(matchers -> matchers.forEach(m -> {
            if (!plans.contains(m.selection().scope() + "/" + m.selection().planId())) {
                orphaned.add(m);
            }
        }));
    }

    static BackupAssignments of(Inventory inventory) {
        return new BackupAssignments(inventory);
    }

    Assignment of(Resource resource) {
        return of(resource.scope(), resource.arn(), resource.tags());
    }

    Assignment of(ScanScope scope, String arn, Map<String, String> tags) {
        List<BackupSelectionMatcher> candidates = selections.getOrDefault(scope, List.of());
        List<String> matching = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (BackupSelectionMatcher m : candidates) {
            BackupSelectionMatcher.Result r = m.evaluate(arn, tags);
            if (r.verdict() == BackupSelectionMatcher.Verdict.MATCH) {
                matching.add(m.id());
                reasons.add(m.id() + ": " + r.reason());
                if (orphaned.contains(m)) { // m is of this scope: candidates are grouped by scope
                    orphans.add(m.id());
                }
            } else if (r.verdict() == BackupSelectionMatcher.Verdict.UNKNOWN) {
                unknown.add(m.id() + ": " + r.reason());
            }
        }
        BackupSelectionMatcher.Verdict verdict = !matching.isEmpty() ? BackupSelectionMatcher.Verdict.MATCH
                : !unknown.isEmpty() ? BackupSelectionMatcher.Verdict.UNKNOWN : BackupSelectionMatcher.Verdict.NO_MATCH;
        return new Assignment(verdict, sorted(matching), sorted(reasons), sorted(orphans), sorted(unknown),
                candidates.size());
    }

    private static List<String> sorted(List<String> values) {
        return values.size() < 2 ? List.copyOf(values) : values.stream().sorted().toList();
    }
}
