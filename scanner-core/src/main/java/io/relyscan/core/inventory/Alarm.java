package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * A CloudWatch metric or composite alarm.
 *
 * @param alarmType             MetricAlarm or CompositeAlarm
 * @param namespace             the metric's namespace; for a metric-math alarm whose inputs are all one metric,
 *                              that metric's; otherwise null for metric-math alarms (see {@code metrics})
 * @param dimensions            metric dimensions (metric alarms)
 * @param alarmRule             the rule expression (composite alarms)
 * @param stateUpdatedTimestamp ISO-8601 instant of the last state change (StateUpdatedTimestamp), null when not
 *                              returned
 * @param treatMissingData      breaching, notBreaching, ignore or missing; null when the alarm does not set it
 *                              (AWS then treats missing data as {@code missing})
 * @param metrics               the MetricStat inputs of a metric-math alarm's {@code Metrics[]}; empty for
 *                              single-metric and composite alarms
 * @param metricFound           whether cloudwatch:ListMetrics still lists the alarm's metric (namespace, name and
 *                              dimensions); only checked for single-metric alarms in INSUFFICIENT_DATA whose
 *                              missing data is not treated as notBreaching or ignore, null otherwise or when the
 *                              check failed
 */
public record Alarm(String arn, String account, String region, String name, String alarmType,
                    Boolean actionsEnabled, List<String> alarmActions, List<String> okActions,
                    List<String> insufficientDataActions, String stateValue, String namespace, String metricName,
                    Map<String, String> dimensions, String alarmRule, String stateUpdatedTimestamp,
                    String treatMissingData, List<AlarmMetric> metrics, Boolean metricFound,
                    Map<String, String> tags)
        implements Resource {
    public static final String METRIC = "MetricAlarm";
    public static final String COMPOSITE = "CompositeAlarm";
    /** Name prefix of the alarms that EC2/Application Auto Scaling creates for target-tracking policies. */
    public static final String TARGET_TRACKING_PREFIX = "TargetTracking-";

    public Alarm {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        Lists.require(alarmType, "alarmType");
        alarmActions = Lists.copy(alarmActions);
        okActions = Lists.copy(okActions);
        insufficientDataActions = Lists.copy(insufficientDataActions);
        dimensions = Tags.copyOf(dimensions);
        metrics = Lists.copy(metrics);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.CLOUDWATCH;
    }

    @Override
    public String displayName() {
        return name;
    }

    public boolean isComposite() {
        return COMPOSITE.equals(alarmType);
    }

    /** A metric alarm built on a metric-math expression ({@code Metrics[]}) rather than one metric. */
    public boolean isMetricMath() {
        return !isComposite() && !metrics.isEmpty();
    }

    /** Created and owned by a target-tracking scaling policy: its actions are scaling, and it is deleted with it. */
    public boolean isTargetTracking() {
        return name.startsWith(TARGET_TRACKING_PREFIX);
    }
}
