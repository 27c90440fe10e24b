package io.relyscan.collectors;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metric and composite alarms from one paginated DescribeAlarms. Alarm tags would take one call per alarm and no
 * rule needs them, so they are not collected.
 */
public final class CloudWatchCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("cloudwatch:DescribeAlarms");
    private static final int PAGE_SIZE = 100;

    CloudWatchCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.CLOUDWATCH, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        CloudWatchClient cw = clients.cloudWatch(scope.region());
        pages(key, "DescribeAlarms", cw.describeAlarmsPaginator(b -> b
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).maxRecords(PAGE_SIZE)),
                page -> {
                    page.metricAlarms().forEach(a -> sink.add(metric(scope, a)));
                    page.compositeAlarms().forEach(a -> sink.add(composite(scope, a)));
                });
    }

    static Alarm metric(ScanScope scope, MetricAlarm a) {
        String namespace = a.namespace();
        String metricName = a.metricName();
        Map<String, String> dimensions = toMap(a.dimensions(), Dimension::name, Dimension::value);
        if (metricName == null && a.hasMetrics()) {
            // A metric-math alarm: when all its inputs are one metric, report that metric so rules can tell what
            // the alarm watches; with several distinct inputs there is no single answer.
            List<MetricStat> stats = a.metrics().stream().map(MetricDataQuery::metricStat).filter(Objects::nonNull)
                    .filter(s -> s.metric() != null).toList();
            if (!stats.isEmpty() && stats.stream().map(s -> s.metric()).distinct().count() == 1) {
                var m = stats.get(0).metric();
                namespace = m.namespace();
                metricName = m.metricName();
                dimensions = toMap(m.dimensions(), Dimension::name, Dimension::value);
            }
        }
        String arn = a.alarmArn() != null ? a.alarmArn()
                : Arns.of("cloudwatch", scope.region(), scope.account(), "alarm:" + a.alarmName());
        return new Alarm(arn, scope.account(), scope.region(), a.alarmName(), Alarm.METRIC, a.actionsEnabled(),
                a.alarmActions(), a.okActions(), a.insufficientDataActions(), a.stateValueAsString(), namespace,
                metricName, dimensions, null, Map.of());
    }

    static Alarm composite(ScanScope scope, CompositeAlarm a) {
        String arn = a.alarmArn() != null ? a.alarmArn()
                : Arns.of("cloudwatch", scope.region(), scope.account(), "alarm:" + a.alarmName());
        return new Alarm(arn, scope.account(), scope.region(), a.alarmName(), Alarm.COMPOSITE, a.actionsEnabled(),
                a.alarmActions(), a.okActions(), a.insufficientDataActions(), a.stateValueAsString(), null, null,
                Map.of(), a.alarmRule(), Map.of());
    }
}
