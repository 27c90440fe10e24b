package io.relyscan.core.waiver;

import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaiverTest {
    static final String ARN = "arn:aws:rds:eu-west-1:111122223333:db:reports-eu";

    static Finding finding(String ruleId, String arn, String account, String region, Outcome outcome) {
        return new Finding(null, ruleId, arn, "DbInstance", "reports-eu", account, region, outcome, Severity.HIGH,
                "no standby", Map.of("MultiAZ", false), Map.of());
    }

    static Waiver waiver(String pattern, String account, String region, LocalDate expires) {
        return new Waiver("W-1", "rds-instance-multi-az", pattern == null ? null : ArnPattern.of(pattern), account,
                region, "Reporting replica, rebuilt nightly.", "data-team", expires, "waivers.yaml:3");
    }

    private static final Finding FAIL = finding("rds-instance-multi-az", ARN, "111122223333", "eu-west-1",
            Outcome.FAIL);

    @Test
    void covers_needsTheRuleAndEveryGivenScope() {
        assertThat(waiver("*", null, null, null).covers(FAIL)).isTrue();
        assertThat(waiver(null, "111122223333", null, null).covers(FAIL)).isTrue();
        assertThat(waiver(null, null, "eu-west-1", null).covers(FAIL)).isTrue();
        assertThat(waiver("arn:aws:rds:*:*:db:reports-*", "111122223333", "eu-west-1", null).covers(FAIL))
                .isTrue();
        assertThat(waiver(null, "444455556666", null, null).covers(FAIL)).isFalse();
        assertThat(waiver(null, null, "us-east-1", null).covers(FAIL)).isFalse();
        assertThat(waiver("arn:aws:rds:*:*:db:orders-*", null, "eu-west-1", null).covers(FAIL)).isFalse();
        assertThat(waiver("*", null, null, null).covers(finding("rds-deletion-protection", ARN, "111122223333",
                "eu-west-1", Outcome.FAIL))).isFalse();
        // whatever the outcome: deciding what to do with it is WaiverSet's job
        assertThat(waiver("*", null, null, null).covers(finding("rds-instance-multi-az", ARN, "111122223333",
                "eu-west-1", Outcome.PASS))).isTrue();
    }

    @Test
    void expiredAt_theExpiryDayIsTheLastDayItApplies_inUtc() {
        Waiver w = waiver("*", null, null, LocalDate.parse("2026-10-31"));
        assertThat(w.expiredAt(Instant.parse("2026-10-31T00:00:00Z"))).isFalse();
        assertThat(w.expiredAt(Instant.parse("2026-10-31T23:59:59.999Z"))).isFalse();
        assertThat(w.expiredAt(Instant.parse("2026-11-01T00:00:00Z"))).isTrue();
        assertThat(w.expiredAt(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
        assertThat(waiver("*", null, null, null).expiredAt(Instant.parse("2999-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void displayName_isTheIdElseTheSource() {
        assertThat(waiver("*", null, null, null).displayName()).isEqualTo("W-1");
        Waiver anonymous = new Waiver(null, "r", null, null, "eu-west-1", "a reason of words", "o", null,
                "w.yaml:9");
        assertThat(anonymous.displayName()).isEqualTo("w.yaml:9");
        assertThat(anonymous.label()).isEmpty();
    }

    @Test
    void requiresRuleReasonOwnerAndSource() {
        assertThatThrownBy(() -> new Waiver(null, null, null, null, null, "r", "o", null, "s"))
                .isInstanceOf(NullPointerException.class).hasMessage("ruleId");
        assertThatThrownBy(() -> new Waiver(null, "x", null, null, null, null, "o", null, "s"))
                .isInstanceOf(NullPointerException.class).hasMessage("reason");
        assertThatThrownBy(() -> new Waiver(null, "x", null, null, null, "r", null, null, "s"))
                .isInstanceOf(NullPointerException.class).hasMessage("owner");
    }
}
