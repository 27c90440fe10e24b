package io.relyscan.collectors;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AwsService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

// The SDK's consumer-builder varargs make javac warn about generic array creation.
@SuppressWarnings("unchecked")
class CloudWatchCollectorTest extends MotoTestBase {
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ops-alerts";
    static CloudWatchClient cw;
    static RecordingSink sink;

    @BeforeAll
    static void createAlarms() {
        cw = TestSessions.client(CloudWatchClient.builder(), endpoint());
        cw.putMetricAlarm(b -> b.alarmName("db-cpu-high").namespace("AWS/RDS").metricName("CPUUtilization")
                .dimensions(d -> d.name("DBInstanceIdentifier").value("orders-single"))
                .statistic(Statistic.AVERAGE).period(300).evaluationPeriods(3).threshold(80.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .alarmActions(TOPIC).okActions(TOPIC).insufficientDataActions(TOPIC));
        cw.putMetricAlarm(b -> b.alarmName("asg-capacity-low").namespace("AWS/AutoScaling")
                .metricName("GroupInServiceInstances").dimensions(d -> d.name("AutoScalingGroupName").value("web"))
                .statistic(Statistic.MINIMUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD).actionsEnabled(false));
        cw.putMetricAlarm(b -> b.alarmName("alb-5xx-rate").evaluationPeriods(1).threshold(5.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(TOPIC)
                .metrics(MetricDataQuery.builder().id("errors").returnData(false).metricStat(s -> s
                                .metric(m -> m.namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
                                        .dimensions(d -> d.name("LoadBalancer").value("app/web-alb/1")))
                                .period(60).stat("Sum")).build(),
                        MetricDataQuery.builder().id("rate").expression("errors / 60").returnData(true).build()));
        cw.setAlarmState(b -> b.alarmName("db-cpu-high").stateValue(StateValue.ALARM).stateReason("test"));
        sink = collect(AwsService.CLOUDWATCH);
    }

    @AfterAll
    static void closeClient() {
        cw.close();
    }

    @Test
    void collect_everyAlarmWithoutGaps() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(Alarm.class)).extracting(Alarm::name)
                .containsExactlyInAnyOrder("db-cpu-high", "asg-capacity-low", "alb-5xx-rate");
    }

    @Test
    void collect_metricAlarm_fieldByField() {
        Alarm a = sink.one(Alarm.class, "db-cpu-high");
        assertThat(a.arn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:db-cpu-high");
        assertThat(a.account()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(a.region()).isEqualTo(TestSessions.REGION);
        assertThat(a.alarmType()).isEqualTo(Alarm.METRIC);
        assertThat(a.isComposite()).isFalse();
        assertThat(a.actionsEnabled()).isTrue();
        assertThat(a.alarmActions()).containsExactly(TOPIC);
        assertThat(a.okActions()).containsExactly(TOPIC);
        assertThat(a.insufficientDataActions()).containsExactly(TOPIC);
        assertThat(a.stateValue()).isEqualTo("ALARM");
        assertThat(a.namespace()).isEqualTo("AWS/RDS");
        assertThat(a.metricName()).isEqualTo("CPUUtilization");
        assertThat(a.dimensions()).isEqualTo(Map.of("DBInstanceIdentifier", "orders-single"));
        assertThat(a.alarmRule()).isNull();
        assertThat(a.tags()).isEmpty();
    }

    @Test
    void collect_alarmWithActionsDisabled() {
        Alarm a = sink.one(Alarm.class, "asg-capacity-low");
        assertThat(a.actionsEnabled()).isFalse();
        assertThat(a.alarmActions()).isEmpty();
        // moto starts alarms in OK; AWS starts them in INSUFFICIENT_DATA.
        assertThat(a.stateValue()).isEqualTo("OK");
        assertThat(a.dimensions()).isEqualTo(Map.of("AutoScalingGroupName", "web"));
    }

    @Test
    void collect_metricMathAlarm_reportsItsOnlyInputMetric() {
        Alarm a = sink.one(Alarm.class, "alb-5xx-rate");
        assertThat(a.alarmType()).isEqualTo(Alarm.METRIC);
        assertThat(a.namespace()).isEqualTo("AWS/ApplicationELB");
        assertThat(a.metricName()).isEqualTo("HTTPCode_Target_5XX_Count");
        assertThat(a.dimensions()).isEqualTo(Map.of("LoadBalancer", "app/web-alb/1"));
    }
}
