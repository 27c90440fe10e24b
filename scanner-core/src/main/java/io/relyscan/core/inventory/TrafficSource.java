package io.relyscan.core.inventory;

/** A traffic source attached to an Auto Scaling group (type elb, elbv2 or vpc-lattice). */
public record TrafficSource(String identifier, String type) {
    public TrafficSource {
        Lists.require(identifier, "identifier");
    }
}
