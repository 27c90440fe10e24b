package io.relyscan.core.inventory;

/** One registered target of a target group and its health. */
public record TargetHealth(String targetId, Integer port, String availabilityZone, String state, String reason) {
    public TargetHealth {
        Lists.require(targetId, "targetId");
    }
}
