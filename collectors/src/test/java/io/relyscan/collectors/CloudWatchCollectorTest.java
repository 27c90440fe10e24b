package io.relyscan.collectors;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AlarmMetric;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.MetricReading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
        // R34: three alarms stuck in INSUFFICIENT_DATA: one on a metric that exists, one on a metric nobody
        // publishes, one that treats missing data as not breaching (not checked).
        Instant now = Instant.now();
        cw.putMetricData(b -> b.namespace("AWS/RDS").metricData(
                datum("FreeStorageSpace", 5.0e9, now.minus(10, ChronoUnit.MINUTES), "DBInstanceIdentifier",
                        "orders-single"),
                datum("FreeStorageSpace", 6.0e9, now.minus(40, ChronoUnit.MINUTES), "DBInstanceIdentifier",
                        "orders-single"),
                // Another series of the same metric: per engine, not per instance; not read.
                datum("FreeStorageSpace", 1.0e9, now.minus(10, ChronoUnit.MINUTES), "EngineName", "postgres"),
                // Only a datapoint older than the window: no reading.
                datum("FreeStorageSpace", 2.0e9, now.minus(5, ChronoUnit.HOURS), "DBInstanceIdentifier", "stale-db"),
                datum("CPUUtilization", 12.0, now.minus(10, ChronoUnit.MINUTES), "DBInstanceIdentifier",
                        "orders-single")));
        stuckAlarm("db-cpu-no-data", "AWS/RDS", "CPUUtilization", "orders-single", null);
        stuckAlarm("deleted-db-cpu", "AWS/RDS", "CPUUtilization", "deleted-db", "breaching");
        stuckAlarm("quiet-db-cpu", "AWS/RDS", "CPUUtilization", "deleted-db", "notBreaching");
        sink = collect(AwsService.CLOUDWATCH);
    }

    private static MetricDatum datum(String metric, double value, Instant at, String dimension, String dimValue) {
        return MetricDatum.builder().metricName(metric).value(value).timestamp(at)
                .dimensions(d -> d.name(dimension).value(dimValue)).build();
    }

    private static void stuckAlarm(String name, String namespace, String metric, String db, String treatMissing) {
        cw.putMetricAlarm(b -> b.alarmName(name).namespace(namespace).metricName(metric)
                .dimensions(d -> d.name("DBInstanceIdentifier").value(db)).statistic(Statistic.AVERAGE)
                .period(300).evaluationPeriods(1).threshold(90.0).treatMissingData(treatMissing)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(TOPIC));
        cw.setAlarmState(b -> b.alarmName(name).stateValue(StateValue.INSUFFICIENT_DATA).stateReason("test"));
    }

    @AfterAll
    static void closeClient() {
        cw.close();
    }

    @Test
    void collect_everyAlarmWithoutGaps() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(Alarm.class)).extracting(Alarm::name)
                .containsExactlyInAnyOrder("db-cpu-high", "asg-capacity-low", "alb-5xx-rate", "db-cpu-no-data",
                        "deleted-db-cpu", "quiet-db-cpu");
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
        assertThat(Instant.parse(a.stateUpdatedTimestamp())).isBefore(Instant.now().plusSeconds(60));
        assertThat(a.treatMissingData()).isNull();
        assertThat(a.metrics()).isEmpty();
        assertThat(a.isMetricMath()).isFalse();
        // In ALARM, not INSUFFICIENT_DATA: not checked.
        assertThat(a.metricFound()).isNull();
    }

    @Test
    void collect_insufficientDataAlarms_metricConfirmedWithListMetrics() {
        assertThat(sink.one(Alarm.class, "db-cpu-no-data").metricFound()).isTrue();
        Alarm gone = sink.one(Alarm.class, "deleted-db-cpu");
        assertThat(gone.stateValue()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(gone.treatMissingData()).isEqualTo("breaching");
        assertThat(gone.metricFound()).isFalse();
        Alarm quiet = sink.one(Alarm.class, "quiet-db-cpu");
        assertThat(quiet.treatMissingData()).isEqualTo("notBreaching");
        assertThat(quiet.metricFound()).isNull();
    }

    @Test
    void collect_freeStorageSpace_latestPerInstanceDatapointOnly() {
        List<MetricReading> readings = sink.all(MetricReading.class);

        assertThat(readings).hasSize(1);
        MetricReading r = readings.get(0);
        assertThat(r.namespace()).isEqualTo("AWS/RDS");
        assertThat(r.metricName()).isEqualTo("FreeStorageSpace");
        assertThat(r.dimensions()).isEqualTo(Map.of("DBInstanceIdentifier", "orders-single"));
        assertThat(r.statistic()).isEqualTo("Minimum");
        assertThat(r.value()).isEqualTo(5.0e9);
        assertThat(Instant.parse(r.timestamp())).isBetween(Instant.now().minus(20, ChronoUnit.MINUTES),
                Instant.now());
        assertThat(r.arn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:metric/AWS/RDS/FreeStorageSpace/"
                + "DBInstanceIdentifier=orders-single");
        assertThat(r.account()).isEqualTo(TestSessions.ACCOUNT);
    }

    @Test
    void iamActions_areSortedAndDeclareEveryCall() {
        assertThat(CloudWatchCollector.IAM_ACTIONS).isSorted().containsExactly("cloudwatch:DescribeAlarms",
                "cloudwatch:GetMetricData", "cloudwatch:ListMetrics");
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
        assertThat(a.isMetricMath()).isTrue();
        assertThat(a.metrics()).containsExactly(new AlarmMetric("errors", "AWS/ApplicationELB",
                "HTTPCode_Target_5XX_Count", Map.of("LoadBalancer", "app/web-alb/1")));
    }
}
