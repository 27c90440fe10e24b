package io.relyscan.rules;

import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.TargetGroup;
import io.relyscan.core.inventory.TargetHealth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins shared by the load balancer rules, each built once per evaluation: target groups by load balancer,
 * EC2 instances by (scope, instance id), and the cross-zone setting in effect for a target group.
 */
final class LoadBalancerTopology {
    static final String V2_CROSS_ZONE = "load_balancing.cross_zone.enabled";
    static final String CLASSIC_CROSS_ZONE = "cross_zone.enabled";
    static final String USE_LOAD_BALANCER = "use_load_balancer_configuration";

    private final Inventory inventory;
    private final Map<String, List<TargetGroup>> groupsByLoadBalancer = new HashMap<>();
    private final Map<ScanScope, Map<String, Ec2Instance>> instances = new HashMap<>();

    LoadBalancerTopology(Inventory inventory) {
        this.inventory = inventory;
        for (TargetGroup tg : inventory.all(TargetGroup.class)) {
            for (String lb : tg.loadBalancerArns()) {
                groupsByLoadBalancer.computeIfAbsent(lb, k -> new ArrayList<>()).add(tg);
            }
        }
        for (Ec2Instance i : inventory.all(Ec2Instance.class)) {
            instances.computeIfAbsent(i.scope(), k -> new HashMap<>()).put(i.instanceId(), i);
        }
    }

    List<TargetGroup> targetGroups(LoadBalancer lb) {
        return groupsByLoadBalancer.getOrDefault(lb.arn(), List.of());
    }

    /** The first attached load balancer found in the inventory, or null. */
    LoadBalancer loadBalancer(TargetGroup tg) {
        for (String arn : tg.loadBalancerArns()) {
            LoadBalancer lb = inventory.byArn(arn, LoadBalancer.class).orElse(null);
            if (lb != null) {
                return lb;
            }
        }
        return null;
    }

    /** The zone of an EC2 instance in the same scope, or null when the instance is not in the inventory. */
    String instanceZone(ScanScope scope, String instanceId) {
        Ec2Instance i = instances.getOrDefault(scope, Map.of()).get(instanceId);
        return i == null ? null : i.availabilityZone();
    }

    /**
     * Healthy targets per enabled zone of the load balancer. A target's zone is its own (IP targets) or its
     * EC2 instance's; targets outside the VPC (zone "all") are left out, and healthy targets whose zone is
     * unknown are listed apart.
     */
    ZoneCounts healthyPerZone(LoadBalancer lb, List<TargetHealth> targets, String healthyState) {
        Map<String, Integer> healthy = new TreeMap<>();
        lb.availabilityZones().forEach(z -> healthy.put(z, 0));
        List<String> unknown = new ArrayList<>();
        for (TargetHealth t : targets) {
            if (!healthyState.equalsIgnoreCase(t.state()) || "all".equals(t.availabilityZone())) {
                continue;
            }
            String zone = t.availabilityZone() != null ? t.availabilityZone() : instanceZone(lb.scope(), t.targetId());
            if (zone == null) {
                unknown.add(t.targetId());
            } else if (healthy.containsKey(zone)) {
                healthy.merge(zone, 1, Integer::sum);
            }
        }
        return new ZoneCounts(healthy, unknown);
    }

    record ZoneCounts(Map<String, Integer> healthy, List<String> unknownZone) {
        int total() {
            return healthy.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static boolean isApplication(LoadBalancer lb) {
        return "application".equals(lb.type());
    }

    /**
     * The load balancer's own cross-zone setting: always on for application load balancers, the attribute
     * otherwise (AWS's default, false for network and gateway, when absent); null when attributes were not
     * collected.
     */
    static Boolean loadBalancerCrossZone(LoadBalancer lb) {
        if (isApplication(lb)) {
            return true;
        }
        if (lb.attributes() == null) {
            return null;
        }
        return "true".equalsIgnoreCase(lb.attributes().get(lb.isClassic() ? CLASSIC_CROSS_ZONE : V2_CROSS_ZONE));
    }

    /** The setting in effect for a target group: its override, else the load balancer's; null when unknown. */
    static Boolean effectiveCrossZone(LoadBalancer lb, TargetGroup tg) {
        if (tg.attributes() == null) {
            return null;
        }
        String override = tg.attributes().get(V2_CROSS_ZONE);
        if ("true".equalsIgnoreCase(override) || "false".equalsIgnoreCase(override)) {
            return Boolean.valueOf(override.toLowerCase(java.util.Locale.ROOT));
        }
        return loadBalancerCrossZone(lb);
    }
}
