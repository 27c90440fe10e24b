package io.relyscan.rules;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * R34: an alarm is not stuck. An alarm in INSUFFICIENT_DATA for longer than {@code insufficientDataHours} (since
 * StateUpdatedTimestamp) cannot fire: usually its dimensions are wrong or its resource was deleted. Alarms whose
 * TreatMissingData is notBreaching or ignore are exempt, as missing data is expected for them; an alarm that does
 * not set it treats missing data as {@code missing}. For such alarms the collector asks ListMetrics whether the
 * metric (every MetricStat input, for metric-math alarms) still exists, and the finding says so (MetricFound):
 * false confirms a wrong or deleted metric. An alarm in ALARM for longer than {@code alarmDays} is being ignored.
 * Both cases are warnings at the rule's LOW severity. Composite alarms are judged by their state age alone (they
 * watch alarms, not metrics). Target-tracking alarms (named TargetTracking-...) are not applicable: their
 * scaling policy owns them, and its scale-in alarm sits in ALARM whenever load is low, by design.
 */
public final class CwAlarmStaleStateRule implements Rule {
    static final String INSUFFICIENT_DATA_HOURS = "insufficientDataHours";
    static final String ALARM_DAYS = "alarmDays";
    static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";
    static final String ALARM = "ALARM";

    private static final RuleMetadata METADATA = new RuleMetadata("cw-alarm-stale-state", "R34",
            "CloudWatch alarms are not stuck in INSUFFICIENT_DATA or ALARM", Severity.LOW, "Alarm",
            "An alarm that has had no data for a day usually watches a metric that no longer exists (wrong "
                    + "dimensions, a deleted or renamed resource) and will never fire. An alarm left in ALARM for "
                    + "a week is being ignored: it cannot tell anyone about the next failure of the same kind.",
            "For INSUFFICIENT_DATA: fix the alarm's namespace, metric name and dimensions (compare with aws "
                    + "cloudwatch list-metrics), delete alarms of deleted resources, or set TreatMissingData to "
                    + "notBreaching where gaps are normal. For ALARM: fix the cause, or change the threshold so the "
                    + "alarm means something again.",
            Controls.of("REL06-BP06*, REL06-BP03", "CC7.2*", "A.8.16*", "CA-7*, SI-4*"),
            List.of(RuleParameter.integer(INSUFFICIENT_DATA_HOURS, 24, 1, 8760,
                            "Hours an alarm may stay in INSUFFICIENT_DATA before it is reported (alarms treating "
                                    + "missing data as notBreaching or ignore are exempt; ListMetrics tells whether "
                                    + "the metric still exists)"),
                    RuleParameter.integer(ALARM_DAYS, 7, 1, 3650,
                            "Days an alarm may stay in ALARM before it is reported as ignored (target-tracking "
                                    + "alarms are not applicable)")),
            Set.of(AwsService.CLOUDWATCH));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Duration insufficientLimit = Duration.ofHours(context.intParameter(INSUFFICIENT_DATA_HOURS));
        Duration alarmLimit = Duration.ofDays(context.intParameter(ALARM_DAYS));
        List<Finding> findings = new ArrayList<>();
        for (Alarm alarm : context.inventory().all(Alarm.class)) {
            findings.add(evaluate(context, alarm, insufficientLimit, alarmLimit));
        }
        return findings;
    }

    private static Finding evaluate(RuleContext context, Alarm alarm, Duration insufficientLimit,
                                    Duration alarmLimit) {
        FindingBuilder f = context.on(alarm)
                .evidence("AlarmType", alarm.alarmType())
                .evidence("StateValue", alarm.stateValue())
                .evidence("StateUpdatedTimestamp", alarm.stateUpdatedTimestamp())
                .evidence("TreatMissingData", alarm.treatMissingData())
                .evidence("MetricFound", alarm.metricFound())
                .evidence("Namespace", alarm.namespace())
                .evidence("MetricName", alarm.metricName())
                .evidence("Dimensions", alarm.dimensions().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (alarm.isTargetTracking()) {
            return f.notApplicable("target-tracking alarm owned by its scaling policy; its scale-in alarm stays in "
                    + "ALARM while load is low, by design");
        }
        String state = alarm.stateValue();
        if (state == null) {
            return f.error("StateValue was not collected");
        }
        if (!state.equals(INSUFFICIENT_DATA) && !state.equals(ALARM)) {
            return f.pass("in state " + state);
        }
        if (alarm.stateUpdatedTimestamp() == null) {
            return f.error("StateUpdatedTimestamp was not collected; cannot tell how long the alarm has been in "
                    + state);
        }
        Duration age;
        try {
            age = Duration.between(Instant.parse(alarm.stateUpdatedTimestamp()), context.now());
        } catch (DateTimeParseException e) {
            return f.error("StateUpdatedTimestamp is not an ISO-8601 instant: " + alarm.stateUpdatedTimestamp());
        }
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        f.evidence("StateAgeHours", age.toHours());
        if (state.equals(ALARM)) {
            if (age.compareTo(alarmLimit) <= 0) {
                return f.pass("in ALARM for " + describe(age) + ", within the " + alarmLimit.toDays()
                        + " days allowed");
            }
            return f.fail("in ALARM for " + describe(age) + " (more than " + alarmLimit.toDays()
                    + " days): the alarm is being ignored and cannot signal the next failure of its kind");
        }
        String missing = alarm.treatMissingData() == null ? "missing" : alarm.treatMissingData();
        if (!alarm.isComposite() && (missing.equals("notBreaching") || missing.equals("ignore"))) {
            return f.pass("in INSUFFICIENT_DATA, but TreatMissingData=" + missing + " expects gaps in its data");
        }
        if (age.compareTo(insufficientLimit) <= 0) {
            return f.pass("in INSUFFICIENT_DATA for " + describe(age) + ", within the " + insufficientLimit.toHours()
                    + " hours allowed");
        }
        String head = "in INSUFFICIENT_DATA for " + describe(age) + " (more than " + insufficientLimit.toHours()
                + " hours)";
        if (alarm.isComposite()) {
            return f.fail(head + ": its child alarms have no data, so the composite alarm cannot fire");
        }
        String why;
        if (Boolean.FALSE.equals(alarm.metricFound())) {
            why = "ListMetrics finds no such metric with these dimensions in the last two weeks: the dimensions are "
                    + "wrong or the resource was deleted";
        } else if (Boolean.TRUE.equals(alarm.metricFound())) {
            why = "the metric exists (ListMetrics) but sends too few datapoints for the alarm's period";
        } else {
            why = "usually wrong dimensions or a deleted resource (the metric was not checked with ListMetrics)";
        }
        return f.fail(head + " while TreatMissingData=" + missing + ": the alarm cannot fire; " + why);
    }

    private static String describe(Duration age) {
        return age.toHours() < 72 ? age.toHours() + " h" : age.toDays() + " days";
    }
}
