package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupRegionSettings;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * R41, once per region: no resource type that a backup selection picks is opted out of AWS Backup, and AWS Backup
 * fully manages DynamoDB and EFS backups. A type counts as picked when a selection's Resources name it
 * ({@link BackupResourceTypes#namedBy}, e.g. {@code arn:aws:rds:*:*:db:*}), or when a resource of that type in
 * the inventory is matched by some selection ({@link BackupSelectionMatcher}: {@code *}, service wildcards, tags,
 * a selection with no Resources). An opted-out type no selection picks (a type the account does not use) passes.
 * Types relyscan does not inventory can only be caught by name. Only the resources of opted-out types are matched
 * against selections, so the work stays linear in the inventory.
 */
public final class BackupRegionOptInRule implements Rule {
    static final List<String> MANAGED_TYPES = List.of(BackupResourceTypes.DYNAMODB, BackupResourceTypes.EFS);
    private static final RuleMetadata METADATA = new RuleMetadata("backup-region-opt-in", "R41",
            "Resource types that backup plans select are opted in to AWS Backup", Severity.HIGH, "Region",
            "AWS Backup silently skips every selected resource of a type that is opted out in the region: the "
                    + "plan looks complete and no job ever fails. Without full management, DynamoDB and EFS "
                    + "backups lack independent encryption, cross-account copy and cold storage.",
            "Opt the resource type in: AWS Backup > Settings > Service opt-in (aws backup update-region-settings "
                    + "--resource-type-opt-in-preference), in every region whose plans select it; turn on full "
                    + "management for DynamoDB and EFS (--resource-type-management-preference).",
            Controls.of("REL09-BP03", "A1.2*", "A.8.13*", "CP-9*"),
            List.of(), Set.of(AwsService.BACKUP, AwsService.RDS, AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<ScanScope, BackupRegionSettings> settings = new HashMap<>();
        context.inventory().all(BackupRegionSettings.class).forEach(s -> settings.put(s.scope(), s));
        Map<ScanScope, List<BackupSelection>> selections = new HashMap<>();
        context.inventory().all(BackupSelection.class)
                .forEach(s -> selections.computeIfAbsent(s.scope(), k -> new ArrayList<>()).add(s));
        Map<ScanScope, Map<String, List<Resource>>> optedOutResources = new HashMap<>();
        for (Resource r : context.inventory().resources()) {
            BackupRegionSettings s = settings.get(r.scope());
            String type = s == null ? null : BackupResourceTypes.of(r);
            if (type != null && Boolean.FALSE.equals(s.resourceTypeOptInPreference().get(type))) {
                optedOutResources.computeIfAbsent(r.scope(), k -> new HashMap<>())
                        .computeIfAbsent(type, k -> new ArrayList<>()).add(r);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (ScanScope scope : context.inventory().scopes()) {
            BackupRegionSettings s = settings.get(scope);
            FindingBuilder f = context.on(scope);
            if (s == null) {
                findings.add(f.error("AWS Backup region settings (DescribeRegionSettings) were not collected"));
                continue;
            }
            findings.add(judge(f, s, selections.getOrDefault(scope, List.of()),
                    optedOutResources.getOrDefault(scope, Map.of())));
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, BackupRegionSettings s, List<BackupSelection> selections,
                                 Map<String, List<Resource>> resourcesByType) {
        Set<String> optedOut = new TreeSet<>();
        s.resourceTypeOptInPreference().forEach((type, in) -> {
            if (Boolean.FALSE.equals(in)) {
                optedOut.add(type);
            }
        });
        Map<String, String> selected = new TreeMap<>();
        if (!optedOut.isEmpty()) {
            for (BackupSelection selection : selections) {
                for (String type : BackupResourceTypes.namedBy(selection)) {
                    if (optedOut.contains(type)) {
                        selected.putIfAbsent(type, "named by the Resources of selection " + id(selection));
                    }
                }
            }
            List<BackupSelectionMatcher> matchers = selections.stream().map(BackupSelectionMatcher::compile).toList();
            resourcesByType.forEach((type, resources) -> {
                if (!selected.containsKey(type)) {
                    matchFirst(resources, matchers).ifPresent(why -> selected.put(type, why));
                }
            });
        }
        Map<String, Boolean> management = new TreeMap<>();
        MANAGED_TYPES.forEach(t -> management.put(t, s.resourceTypeManagementPreference().get(t)));
        List<String> unmanaged = MANAGED_TYPES.stream()
                .filter(t -> Boolean.FALSE.equals(s.resourceTypeManagementPreference().get(t))).toList();
        f.evidence("OptedOutResourceTypes", optedOut)
                .evidence("SelectedOptedOutResourceTypes", selected.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList())
                .evidence("ResourceTypeManagementPreference", management.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (!selected.isEmpty()) {
            return f.fail("opted out of AWS Backup in this region but selected by backup plans, so silently never "
                    + "backed up: " + String.join(", ", selected.keySet()));
        }
        if (!unmanaged.isEmpty()) {
            return f.fail(METADATA.severity().lower(), "AWS Backup does not fully manage " + String.join(" and ",
                    unmanaged) + " backups (ResourceTypeManagementPreference=false)");
        }
        return f.pass(optedOut.isEmpty() ? "every resource type is opted in to AWS Backup"
                : "no backup selection picks an opted-out resource type (" + String.join(", ", optedOut) + ")");
    }

    private static java.util.Optional<String> matchFirst(List<Resource> resources,
                                                         List<BackupSelectionMatcher> matchers) {
        for (Resource r : resources) {
            for (BackupSelectionMatcher m : matchers) {
                if (m.evaluate(r.arn(), r.tags()).verdict() != BackupSelectionMatcher.Verdict.NO_MATCH) {
                    return java.util.Optional.of(r.displayName() + " matched by selection " + m.id());
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String id(BackupSelection s) {
        return s.planId() + "/" + s.selectionId();
    }
}
