package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ConfigRecorder;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.ScanScope;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The account-wide half of R47: global resource types (IAM users, roles, policies) should be recorded in
 * exactly one region of an account. Kept deliberately simple: an account gets one warning, on its us-east-1
 * scope if scanned (where AWS recommends recording them), else on its first scope, when no customer recorder
 * in any of its scanned regions has includeGlobalResourceTypes=true. Only decided when every scope of the
 * account had AWS Config completely collected and every recorder's flag is known; regions that were not
 * scanned are unknown, so a recorder there goes unseen.
 */
final class GlobalResourceRecording {
    private GlobalResourceRecording() {
    }

    static Set<ScanScope> scopesToWarn(Inventory inventory, Map<ScanScope, List<ConfigRecorder>> customerRecorders) {
        Map<String, List<ScanScope>> byAccount = new TreeMap<>();
        inventory.scopes().forEach(s -> byAccount.computeIfAbsent(s.account(), a -> new ArrayList<>()).add(s));
        Set<ScanScope> warn = new HashSet<>();
        byAccount.forEach((account, scopes) -> {
            boolean allSeen = scopes.stream().allMatch(s -> inventory.coverage().isComplete(s, AwsService.CONFIG));
            List<Boolean> flags = scopes.stream()
                    .flatMap(s -> customerRecorders.getOrDefault(s, List.of()).stream())
                    .map(ConfigRecorder::includeGlobalResourceTypes).toList();
            if (allSeen && !flags.contains(Boolean.TRUE) && !flags.contains(null)) {
                warn.add(scopes.stream().filter(s -> s.region().equals("us-east-1")).findFirst()
                        .orElse(scopes.get(0)));
            }
        });
        return warn;
    }
}
