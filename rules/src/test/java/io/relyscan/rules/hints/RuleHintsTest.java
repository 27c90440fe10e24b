package io.relyscan.rules.hints;

import io.relyscan.rules.BuiltInRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleHintsTest {
    @Test
    void hints_areOnlyForBuiltInRules() {
        assertThat(BuiltInRules.all().stream().map(r -> r.metadata().id()).toList())
                .containsAll(RuleHints.ruleIds());
    }

    @Test
    void hints_haveTextForEveryChannel() {
        for (String id : RuleHints.ruleIds()) {
            RuleHint hint = RuleHints.of(id).orElseThrow();
            assertThat(hint.console()).as(id).isNotBlank();
            assertThat(hint.cloudFormation()).as(id).isNotBlank();
            assertThat(hint.terraform()).as(id).isNotBlank();
        }
    }
}
