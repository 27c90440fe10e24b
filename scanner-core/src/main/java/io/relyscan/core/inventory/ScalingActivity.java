package io.relyscan.core.inventory;

import java.time.Duration;
import java.util.Map;

/**
 * One scaling activity of an Auto Scaling group (DescribeScalingActivities). The collector keeps the activities
 * of the {@link #COLLECTED_WINDOW} before the scan plus those still in progress, whatever their age; a group
 * without an activity in the inventory therefore had none in that window (AWS keeps six weeks of them).
 *
 * @param statusCode    Successful, Failed, Cancelled, InProgress, PreInService, WaitingForSpotInstanceId, ...
 * @param statusMessage why the activity is in its state (set on failures), or null
 * @param description   what the activity did, e.g. "Launching a new EC2 instance: i-0123"
 * @param startTime     ISO-8601 instant the activity started
 * @param endTime       ISO-8601 instant it ended, or null while it is in progress
 */
public record ScalingActivity(String account, String region, String activityId, String autoScalingGroupName,
                              String statusCode, String statusMessage, String description, String startTime,
                              String endTime) implements Resource {
    /** How far back activities are collected: the rules' look-back windows must not exceed it. */
    public static final Duration COLLECTED_WINDOW = Duration.ofHours(24);
    public static final String FAILED = "Failed";

    public ScalingActivity {
        Lists.require(account, "account");
        Lists.require(region, "region");
        Lists.require(activityId, "activityId");
        Lists.require(autoScalingGroupName, "autoScalingGroupName");
    }

    @Override
    public String arn() {
        return "arn:aws:autoscaling:" + region + ":" + account + ":scalingActivity/" + activityId;
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    @Override
    public AwsService service() {
        return AwsService.AUTOSCALING;
    }

    @Override
    public String displayName() {
        return activityId;
    }

    public boolean isFailed() {
        return FAILED.equalsIgnoreCase(statusCode);
    }
}
