package io.relyscan.core.inventory;

/**
 * One instance of an Auto Scaling group as the group reports it.
 *
 * @param lifecycleState InService, Pending, Standby, Terminating, ... (the group's view, not EC2's state)
 * @param healthStatus   Healthy or Unhealthy
 */
public record AutoScalingInstance(String instanceId, String instanceType, String availabilityZone,
                                  String lifecycleState, String healthStatus) {
    public static final String IN_SERVICE = "InService";

    public AutoScalingInstance {
        Lists.require(instanceId, "instanceId");
    }

    public boolean isInService() {
        return IN_SERVICE.equalsIgnoreCase(lifecycleState);
    }
}
