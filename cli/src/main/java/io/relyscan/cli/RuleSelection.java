package io.relyscan.cli;

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

    static Set<AwsService> servicesFor(List<Rule> rules) {
        Set<AwsService> services = EnumSet.noneOf(AwsService.class);
        rules.forEach(r -> services.addAll(r.metadata().inputs()));
        return services;
    }
}
