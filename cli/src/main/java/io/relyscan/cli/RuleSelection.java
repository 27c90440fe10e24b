package io.relyscan.cli;

import io.relyscan.cli.config.RelyscanConfig;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Rule;
import io.relyscan.rules.BuiltInRules;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The rules a run evaluates, and the services they need collected. */
final class RuleSelection {
    private RuleSelection() {
    }

    static List<Rule> enabled() {
        return BuiltInRules.all();
    }

    /** The built-in rules the configuration leaves enabled; at least one. */
    static List<Rule> enabled(RelyscanConfig config) {
        List<Rule> enabled = config.enabledRules(enabled());
        if (enabled.isEmpty()) {
            throw new InputException(config.source().orElse("configuration") + ": every rule is disabled; "
                    + "enable at least one rule (remove 'enabled: false' from one)");
        }
        return enabled;
    }

    static Set<AwsService> servicesFor(List<Rule> rules) {
        Set<AwsService> services = EnumSet.noneOf(AwsService.class);
        rules.forEach(r -> services.addAll(r.metadata().inputs()));
        return services;
    }
}
