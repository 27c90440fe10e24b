package io.relyscan.rules;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.LaunchConfiguration;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.inventory.LaunchTemplateVersion;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.MachineImage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Auto Scaling groups launch from and register with, indexed once per evaluation by (account, region, name
 * or id): classic load balancers, launch configurations, launch template versions and AMIs. Lookups are constant
 * time, so a rule joins every group in linear time.
 */
final class LaunchDependencyIndex {
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    private final Set<String> classicNames = new HashSet<>();
    private final Map<String, LaunchConfiguration> configurations = new HashMap<>();
    private final Map<String, List<LaunchTemplateVersion>> versions = new HashMap<>();
    private final Map<String, String> templateIds = new HashMap<>();
    private final Map<String, MachineImage> images = new HashMap<>();

    LaunchDependencyIndex(Inventory inventory) {
        inventory.all(LoadBalancer.class).stream().filter(LoadBalancer::isClassic)
                .forEach(lb -> classicNames.add(key(lb.account(), lb.region(), lb.name())));
        inventory.all(LaunchConfiguration.class)
                .forEach(lc -> configurations.put(key(lc.account(), lc.region(), lc.name()), lc));
        for (LaunchTemplateVersion v : inventory.all(LaunchTemplateVersion.class)) {
            versions.computeIfAbsent(key(v.account(), v.region(), v.launchTemplateId()), k -> new ArrayList<>()).add(v);
            if (v.launchTemplateName() != null) {
                templateIds.put(key(v.account(), v.region(), v.launchTemplateName()), v.launchTemplateId());
            }
        }
        inventory.all(MachineImage.class).forEach(i -> images.put(key(i.account(), i.region(), i.imageId()), i));
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    boolean classicLoadBalancerExists(AutoScalingGroup asg, String name) {
        return classicNames.contains(key(asg.account(), asg.region(), name));
    }

    LaunchConfiguration configuration(AutoScalingGroup asg, String name) {
        return configurations.get(key(asg.account(), asg.region(), name));
    }

    /** The collected versions of the referenced template (by id, else by name); empty when it does not exist. */
    List<LaunchTemplateVersion> versions(AutoScalingGroup asg, LaunchTemplateSpec spec) {
        String id = spec.launchTemplateId() != null ? spec.launchTemplateId()
                : templateIds.get(key(asg.account(), asg.region(), spec.launchTemplateName()));
        return id == null ? List.of() : versions.getOrDefault(key(asg.account(), asg.region(), id), List.of());
    }

    MachineImage image(AutoScalingGroup asg, String imageId) {
        return images.get(key(asg.account(), asg.region(), imageId));
    }

    /** The version a reference resolves to: $Latest, $Default or a number; null when there is none. */
    static LaunchTemplateVersion resolve(List<LaunchTemplateVersion> listed, String version) {
        for (LaunchTemplateVersion v : listed) {
            boolean match = switch (version) {
                case LaunchTemplateSpec.LATEST -> Boolean.TRUE.equals(v.latestVersion());
                case LaunchTemplateSpec.DEFAULT -> Boolean.TRUE.equals(v.defaultVersion());
                default -> NUMBER.matcher(version).matches() && v.versionNumber() == Long.parseLong(version);
            };
            if (match) {
                return v;
            }
        }
        return null;
    }
}
