package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * A CloudWatch metric or composite alarm.
 *
 * @param alarmType  MetricAlarm or CompositeAlarm
 * @param dimensions metric dimensions (metric alarms)
 * @param alarmRule  the rule expression (composite alarms)
 */
public record Alarm(String arn, String account, String region, String name, String alarmType,
                    Boolean actionsEnabled, List<String> alarmActions, List<String> okActions,
                    List<String> insufficientDataActions, String stateValue, String namespace, String metricName,
                    Map<String, String> dimensions, String alarmRule, Map<String, String> tags)
        implements Resource {
    public static final String METRIC = "MetricAlarm";
    public static final String COMPOSITE = "CompositeAlarm";

    public Alarm {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        Lists.require(alarmType, "alarmType");
        alarmActions = Lists.copy(alarmActions);
        okActions = Lists.copy(okActions);
        insufficientDataActions = Lists.copy(insufficientDataActions);
        dimensions = Tags.copyOf(dimensions);
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
}
