package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An AWS Backup restore testing plan with its selections (ListRestoreTestingPlans, ListRestoreTestingSelections).
 *
 * @param lastExecutionTime ISO-8601 instant of the plan's last run, null when it never ran
 */
public record RestoreTestingPlan(String arn, String account, String region, String name, String scheduleExpression,
                                 String lastExecutionTime, List<RestoreTestingSelection> selections)
        implements Resource {
    public RestoreTestingPlan {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        selections = Lists.copy(selections);
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    @Override
    public AwsService service() {
        return AwsService.BACKUP;
    }

    @Override
    public String displayName() {
        return name;
    }
}
