package io.relyscan.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmRuleReferencesTest {
    @Test
    void parse_whenBareAndQuotedNames_readsBoth() {
        assertThat(AlarmRuleReferences.parse("ALARM(CPUTooHigh) AND NOT ALARM(\"Deployment In Progress\")"))
                .containsExactly("CPUTooHigh", "Deployment In Progress");
    }

    @Test
    void parse_whenAllThreeStateFunctions_readsEach() {
        assertThat(AlarmRuleReferences.parse("(OK(a) OR INSUFFICIENT_DATA( \"b\" )) AND ALARM( c )"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void parse_whenArnReferences_keepsArn() {
        String arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:disk-full";
        assertThat(AlarmRuleReferences.parse("ALARM(\"" + arn + "\") OR ALARM(" + arn + ")")).containsExactly(arn);
    }

    @Test
    void parse_whenQuotedNameHoldsParenthesesKeywordsAndEscapes_readsItWhole() {
        assertThat(AlarmRuleReferences.parse("ALARM(\"api (p99) OK(\\\"x\\\")\") OR FALSE"))
                .containsExactly("api (p99) OK(\"x\")");
    }

    @Test
    void parse_whenOnlyConstantsOrMalformed_returnsNothingWithoutThrowing() {
        assertThat(AlarmRuleReferences.parse("TRUE AND FALSE")).isEmpty();
        assertThat(AlarmRuleReferences.parse("ALARM(\"unterminated")).containsExactly("unterminated");
        assertThat(AlarmRuleReferences.parse("ALARM(")).isEmpty();
        assertThat(AlarmRuleReferences.parse(null)).isEmpty();
    }

    @Test
    void parse_whenFunctionNameIsPartOfAWord_ignoresIt() {
        assertThat(AlarmRuleReferences.parse("ALARM(x) AND NOTOK(y)")).containsExactly("x");
    }

    @Test
    void parse_whenAtLeast_readsOperandListBareAndQuoted() {
        assertThat(AlarmRuleReferences.parse("AT_LEAST(2, ALARM, (web-1, \"web, 2\", web-3)) OR ALARM(db)"))
                .containsExactly("web-1", "web, 2", "web-3", "db");
        assertThat(AlarmRuleReferences.parse("AT_LEAST(60%, NOT OK, (\"a\" , b))")).containsExactly("a", "b");
    }

    @Test
    void parse_whenAtLeastMalformed_doesNotThrow() {
        assertThat(AlarmRuleReferences.parse("AT_LEAST(2, ALARM")).isEmpty();
        assertThat(AlarmRuleReferences.parse("AT_LEAST(2, ALARM, (a,")).containsExactly("a");
    }
}
