package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AlarmMetric;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class CwAlarmStaleStateRuleTest {
    // InventoryFixture captures at 2026-11-28T12:00:00Z.
    private static final String TWO_DAYS_AGO = "2026-11-26T12:00:00Z";
    private static final String TWENTY_HOURS_AGO = "2026-11-27T16:00:00Z";
    private static final String TEN_DAYS_AGO = "2026-11-18T12:00:00Z";
    private static final String SIX_DAYS_AGO = "2026-11-22T12:00:00Z";

    private final CwAlarmStaleStateRule rule = new CwAlarmStaleStateRule();

    @Test
    void evaluate_whenOk_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("cpu", a -> a).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("StateValue", "OK");
        assertThat(f.parameters()).containsEntry("insufficientDataHours", "24").containsEntry("alarmDays", "7");
    }

    @Test
    void evaluate_whenInsufficientDataTooLongAndMetricGone_warnsWithConfirmation() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("db-cpu", a -> a
                .metric("AWS/RDS", "CPUUtilization").dimensions("DBInstanceIdentifier", "deleted-db")
                .state("INSUFFICIENT_DATA", TWO_DAYS_AGO).metricFound(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("INSUFFICIENT_DATA for 48 h").contains("TreatMissingData=missing")
                .contains("ListMetrics finds no such metric");
        assertThat(f.evidence()).containsEntry("MetricFound", false).containsEntry("StateAgeHours", 48L)
                .containsEntry("StateUpdatedTimestamp", TWO_DAYS_AGO)
                .containsEntry("Dimensions", List.of("DBInstanceIdentifier=deleted-db"));
    }

    @Test
    void evaluate_whenInsufficientDataButMetricExists_warnsAndSaysSo() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("sparse", a -> a
                .state("INSUFFICIENT_DATA", TWO_DAYS_AGO).treatMissingData("breaching").metricFound(true)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("TreatMissingData=breaching").contains("the metric exists");
        assertThat(f.evidence()).containsEntry("MetricFound", true);
    }

    @Test
    void evaluate_whenMetricNotChecked_warnsWithoutConfirmation() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("unchecked", a -> a
                .state("INSUFFICIENT_DATA", TWO_DAYS_AGO)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("not checked");
        assertThat(f.evidence()).containsEntry("MetricFound", null);
    }

    @Test
    void evaluate_whenInsufficientDataWithinLimit_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("new", a -> a
                .state("INSUFFICIENT_DATA", TWENTY_HOURS_AGO).metricFound(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("20 h").contains("24 hours");
    }

    @Test
    void evaluate_whenInsufficientDataHoursLowered_warnsEarlier() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("new", a -> a
                .state("INSUFFICIENT_DATA", TWENTY_HOURS_AGO)).build(), Map.of("insufficientDataHours", "12")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.parameters()).containsEntry("insufficientDataHours", "12");
    }

    @Test
    void evaluate_whenMissingDataNotBreachingOrIgnored_passesHoweverLong() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .alarm("quiet", a -> a.state("INSUFFICIENT_DATA", TEN_DAYS_AGO).treatMissingData("notBreaching"))
                .alarm("ignored", a -> a.state("INSUFFICIENT_DATA", TEN_DAYS_AGO).treatMissingData("ignore"))
                .build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.PASS);
        assertThat(finding(findings, "quiet").message()).contains("TreatMissingData=notBreaching");
    }

    @Test
    void evaluate_whenInAlarmLongerThanAlarmDays_warnsAsIgnored() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .alarm("forgotten", a -> a.state("ALARM", TEN_DAYS_AGO))
                .alarm("recent", a -> a.state("ALARM", SIX_DAYS_AGO)).build());

        Finding forgotten = finding(findings, "forgotten");
        assertThat(forgotten.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(forgotten.severity()).isEqualTo(Severity.LOW);
        assertThat(forgotten.message()).contains("in ALARM for 10 days (more than 7 days)");
        assertThat(finding(findings, "recent").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenAlarmDaysRaised_longAlarmPasses() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("forgotten", a -> a
                .state("ALARM", TEN_DAYS_AGO)).build(), Map.of("alarmDays", "14")));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenInAlarmWithNotBreaching_stillJudgesAlarmAge() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("forgotten", a -> a
                .state("ALARM", TEN_DAYS_AGO).treatMissingData("notBreaching")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenTargetTrackingAlarm_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .alarm("TargetTracking-web-asg-AlarmLow-1a2b", a -> a.state("ALARM", TEN_DAYS_AGO)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("target-tracking");
    }

    @Test
    void evaluate_whenCompositeAlarm_judgesStateAgeOnly() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .alarm("host-down", a -> a.composite("ALARM(cpu)").state("INSUFFICIENT_DATA", TWO_DAYS_AGO))
                .alarm("site-down", a -> a.composite("ALARM(web)").state("ALARM", TEN_DAYS_AGO)).build());

        assertThat(finding(findings, "host-down").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "host-down").message()).contains("child alarms have no data");
        assertThat(finding(findings, "site-down").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenMetricMathAlarmStuck_warnsWithItsConfirmation() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("error-rate", a -> a
                .metricMath(new AlarmMetric("m1", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count",
                                Map.of("LoadBalancer", "app/gone/1")),
                        new AlarmMetric("m2", "AWS/ApplicationELB", "RequestCount",
                                Map.of("LoadBalancer", "app/gone/1")))
                .state("INSUFFICIENT_DATA", TWO_DAYS_AGO).metricFound(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("MetricFound", false).containsEntry("MetricName", null);
    }

    @Test
    void evaluate_whenStateOrTimestampMissingOrMalformed_errors() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .alarm("no-state", a -> a.state(null, TWO_DAYS_AGO))
                .alarm("no-time", a -> a.state("ALARM", null))
                .alarm("bad-time", a -> a.state("INSUFFICIENT_DATA", "yesterday")).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
    }

    @Test
    void evaluate_whenStateChangedAfterCapture_countsAsJustChanged() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("clock-skew", a -> a
                .state("INSUFFICIENT_DATA", "2026-11-28T12:05:00Z")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("StateAgeHours", 0L);
    }

    @Test
    void evaluate_whenCloudWatchCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule,
                InventoryFixture.create().alarm("cpu", a -> a).failed(AwsService.CLOUDWATCH).build());
    }
}
