package io.relyscan.rules;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.ScanScope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which composite alarms reference which alarms, built once per evaluation from the composites' AlarmRules.
 * A reference by name resolves within the composite's own account and region; a reference by ARN is exact.
 */
final class CompositeAlarmIndex {
    private final Map<String, List<Alarm>> referencedBy = new HashMap<>();
    private final Set<ScanScope> scopesWithUnreadableRule = new HashSet<>();

    private CompositeAlarmIndex() {
    }

    static CompositeAlarmIndex of(List<Alarm> alarms) {
        CompositeAlarmIndex index = new CompositeAlarmIndex();
        for (Alarm a : alarms) {
            if (!a.isComposite()) {
                continue;
            }
            if (a.alarmRule() == null) {
                index.scopesWithUnreadableRule.add(a.scope());
            }
            for (String ref : AlarmRuleReferences.parse(a.alarmRule())) {
                String key = ref.startsWith("arn:") ? ref : nameKey(a.scope(), ref);
                index.referencedBy.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
            }
        }
        return index;
    }

    /** The composite alarms whose rule names this alarm, by ARN or by name. */
    List<Alarm> compositesReferencing(Alarm alarm) {
        List<Alarm> composites = new ArrayList<>(referencedBy.getOrDefault(alarm.arn(), List.of()));
        referencedBy.getOrDefault(nameKey(alarm.scope(), alarm.name()), List.of()).stream()
                .filter(c -> !composites.contains(c)).forEach(composites::add);
        return composites;
    }

    /** True when a composite alarm in the scope has no AlarmRule collected: its references are unknown. */
    boolean hasUnreadableRule(ScanScope scope) {
        return scopesWithUnreadableRule.contains(scope);
    }

    private static String nameKey(ScanScope scope, String name) {
        return scope.account() + "|" + scope.region() + "|" + name;
    }
}
