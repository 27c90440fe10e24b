package io.relyscan.cli;

import io.relyscan.cli.config.RelyscanConfig;
import io.relyscan.cli.config.RuleConfig;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Rule;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Disabled rules are not evaluated, and services only they read are not collected. */
class RuleSelectionConfigTest {
    @Test
    void disablingEveryRuleThatReadsAService_dropsThatServiceFromCollection() {
        AwsService service = AwsService.CONFIG;
        Map<String, RuleConfig> rules = new TreeMap<>();
        for (Rule rule : RuleSelection.enabled()) {
            if (rule.metadata().inputs().contains(service)) {
                rules.put(rule.metadata().id(), new RuleConfig(false, Optional.empty(), Map.of()));
            }
        }
        assertThat(rules).as("rules reading %s", service).isNotEmpty();
        RelyscanConfig config = new RelyscanConfig(Optional.of("relyscan.yaml"), Optional.empty(), rules);

        var enabled = RuleSelection.enabled(config);
        Set<AwsService> services = RuleSelection.servicesFor(enabled);

        assertThat(enabled).extracting(r -> r.metadata().id()).doesNotContainAnyElementsOf(rules.keySet());
        assertThat(services).doesNotContain(service).contains(AwsService.RDS);
        assertThat(RuleSelection.servicesFor(RuleSelection.enabled(RelyscanConfig.defaults()))).contains(service);
    }
}
