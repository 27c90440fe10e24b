package io.relyscan.collectors;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LaunchConfiguration;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.inventory.LaunchTemplateVersion;
import io.relyscan.core.inventory.MachineImage;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Resolves what the Auto Scaling groups of one region launch from: the launch configurations they name, the
 * launch template versions they reference (their own, their mixed instances policy's and its overrides'), and
 * the AMIs of both. Only referenced things are looked up, in bulk where the API allows:
 * <ul>
 *   <li>DescribeLaunchConfigurations by name, 50 names a call (missing names are simply absent);</li>
 *   <li>one region-wide, paged DescribeLaunchTemplateVersions for {@code $Latest} and {@code $Default} of every
 *   template (a referenced template not listed there does not exist), then one call per template only for
 *   numbered versions other than its default and latest; {@code InvalidLaunchTemplateId.VersionNotFound} and
 *   {@code ...NotFound} mean "looked up and absent", which is the finding, not a gap;</li>
 *   <li>DescribeImages with an {@code image-id} filter (not ImageIds, which fails the whole call on one
 *   deregistered id), disabled and deprecated images included, so that a referenced image missing from the
 *   answer is deregistered (or no longer shared with the account).</li>
 * </ul>
 * The EC2 calls go through the EC2 endpoint of the resilience layer; every other failure is a gap of the Auto
 * Scaling service. {@code resolve:ssm:} image references are not resolved.
 */
final class AutoScalingLaunchLookups {
    static final int LAUNCH_CONFIGURATION_BATCH = 50;
    static final int TEMPLATE_PAGE_SIZE = 200;
    static final int IMAGE_BATCH = 100;
    static final String SSM_PREFIX = "resolve:ssm:";
    static final Set<String> TEMPLATE_ABSENT_CODES = Set.of("InvalidLaunchTemplateId.NotFound",
            "InvalidLaunchTemplateName.NotFoundException", "InvalidLaunchTemplateId.VersionNotFound");
    static final String VERSION_NOT_FOUND = "InvalidLaunchTemplateId.VersionNotFound";
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    private final AwsCollector collector;
    private final ScanScope scope;
    private final EndpointKey asgKey;
    private final EndpointKey ec2Key;
    private final AutoScalingClient asg;
    private final Ec2Client ec2;
    private final CollectionSink sink;

    AutoScalingLaunchLookups(AwsCollector collector, ScanScope scope, AutoScalingClient asg, Ec2Client ec2,
                             CollectionSink sink) {
        this.collector = collector;
        this.scope = scope;
        this.asgKey = EndpointKey.of(scope.account(), scope.region(), AwsService.AUTOSCALING);
        this.ec2Key = EndpointKey.of(scope.account(), scope.region(), AwsService.EC2);
        this.asg = asg;
        this.ec2 = ec2;
        this.sink = sink;
    }

    void resolve(List<AutoScalingGroup> groups) {
        Set<String> images = new TreeSet<>();
        images.addAll(launchConfigurations(groups));
        images.addAll(launchTemplates(groups));
        images(images);
    }

    /** The referenced launch configurations; returns their AMIs. */
    private Set<String> launchConfigurations(List<AutoScalingGroup> groups) {
        Set<String> names = new TreeSet<>();
        groups.forEach(g -> {
            if (g.launchConfigurationName() != null) {
                names.add(g.launchConfigurationName());
            }
        });
        Set<String> images = new TreeSet<>();
        for (List<String> batch : AwsCollector.batches(List.copyOf(names), LAUNCH_CONFIGURATION_BATCH)) {
            try {
                collector.pages(asgKey, "DescribeLaunchConfigurations", asg.describeLaunchConfigurationsPaginator(
                                b -> b.launchConfigurationNames(batch).maxRecords(LAUNCH_CONFIGURATION_BATCH)),
                        page -> page.launchConfigurations().forEach(lc -> {
                            if (AwsCollector.blankToNull(lc.launchConfigurationName()) == null) {
                                return;
                            }
                            String arn = lc.launchConfigurationARN() != null ? lc.launchConfigurationARN()
                                    : Arns.of("autoscaling", scope.region(), scope.account(),
                                    "launchConfiguration:*:launchConfigurationName/" + lc.launchConfigurationName());
                            String image = AwsCollector.blankToNull(lc.imageId());
                            sink.add(new LaunchConfiguration(arn, scope.account(), scope.region(),
                                    lc.launchConfigurationName(), image));
                            if (image != null) {
                                images.add(image);
                            }
                        }));
            } catch (CollectionException e) {
                sink.gap(e.operation(), e.reason(), e.getMessage());
            }
        }
        return images;
    }

    /** One looked-up version, before it becomes a record. */
    private record Found(String id, String name, long number, boolean isDefault, String imageId) {
    }

    /** The referenced launch template versions; returns their AMIs. */
    private Set<String> launchTemplates(List<AutoScalingGroup> groups) {
        List<LaunchTemplateSpec> specs = new ArrayList<>();
        groups.forEach(g -> {
            if (g.launchTemplateSpecs() != null) {
                specs.addAll(g.launchTemplateSpecs());
            }
        });
        if (specs.isEmpty()) {
            return Set.of();
        }
        // Every template's default and latest version, region-wide: the listing is also the template inventory.
        Map<String, List<Found>> byTemplate = new TreeMap<>();
        try {
            collector.pages(ec2Key, "DescribeLaunchTemplateVersions", ec2.describeLaunchTemplateVersionsPaginator(
                            b -> b.versions(LaunchTemplateSpec.LATEST, LaunchTemplateSpec.DEFAULT)
                                    .maxResults(TEMPLATE_PAGE_SIZE)),
                    page -> page.launchTemplateVersions().forEach(v -> found(v).ifPresent(f ->
                            byTemplate.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f))));
        } catch (CollectionException e) {
            sink.gap(e.operation(), e.reason(), e.getMessage());
            return Set.of();
        }
        Map<String, String> idByName = new HashMap<>();
        byTemplate.forEach((id, versions) -> versions.forEach(v -> {
            if (v.name() != null) {
                idByName.put(v.name(), id);
            }
        }));
        // Template id -> version numbers wanted beyond its default and latest.
        Map<String, Set<Long>> numbered = new TreeMap<>();
        Set<String> referenced = new TreeSet<>();
        for (LaunchTemplateSpec spec : specs) {
            String id = spec.launchTemplateId() != null ? spec.launchTemplateId()
                    : idByName.get(spec.launchTemplateName());
            if (id == null || !byTemplate.containsKey(id)) {
                continue; // looked up and absent: the template does not exist
            }
            referenced.add(id);
            String version = spec.effectiveVersion();
            if (NUMBER.matcher(version).matches()) {
                numbered.computeIfAbsent(id, k -> new TreeSet<>()).add(Long.parseLong(version));
            }
        }
        Set<String> images = new TreeSet<>();
        for (String id : referenced) {
            List<Found> listed = byTemplate.get(id);
            long latest = listed.stream().mapToLong(Found::number).max().orElseThrow();
            Map<Long, Found> versions = new TreeMap<>();
            listed.forEach(f -> versions.merge(f.number(), f, (a, b) -> a.isDefault() ? a : b));
            Set<Long> wanted = new TreeSet<>();
            for (long n : numbered.getOrDefault(id, Set.of())) {
                // A number above the latest was never created or was deleted: absent without asking.
                if (!versions.containsKey(n) && n <= latest) {
                    wanted.add(n);
                }
            }
            if (!wanted.isEmpty()) {
                numberedVersions(id, wanted).forEach(f -> versions.putIfAbsent(f.number(), f));
            }
            for (Found f : versions.values()) {
                sink.add(new LaunchTemplateVersion(scope.account(), scope.region(), f.id(), f.name(), f.number(),
                        f.isDefault(), f.number() == latest, f.imageId()));
                if (f.imageId() != null && !f.imageId().startsWith(SSM_PREFIX)) {
                    images.add(f.imageId());
                }
            }
        }
        return images;
    }

    /**
     * Numbered versions of one template. AWS fails the whole call when one asked-for version was deleted; then
     * each version is asked for on its own, so the others are still found.
     */
    private List<Found> numberedVersions(String templateId, Set<Long> numbers) {
        try {
            return describeVersions(templateId, numbers);
        } catch (CollectionException e) {
            String code = errorCode(e);
            if (VERSION_NOT_FOUND.equals(code) && numbers.size() > 1) {
                List<Found> out = new ArrayList<>();
                for (long n : numbers) {
                    try {
                        out.addAll(describeVersions(templateId, Set.of(n)));
                    } catch (CollectionException single) {
                        if (!TEMPLATE_ABSENT_CODES.contains(errorCode(single))) {
                            sink.gap(single.operation(), single.reason(), single.getMessage());
                        }
                    }
                }
                return out;
            }
            if (!TEMPLATE_ABSENT_CODES.contains(code)) {
                sink.gap(e.operation(), e.reason(), e.getMessage());
            }
            return List.of();
        }
    }

    private List<Found> describeVersions(String templateId, Set<Long> numbers) {
        List<Found> out = new ArrayList<>();
        collector.pages(ec2Key, "DescribeLaunchTemplateVersions", ec2.describeLaunchTemplateVersionsPaginator(
                        b -> b.launchTemplateId(templateId).versions(numbers.stream().map(String::valueOf).toList())),
                page -> page.launchTemplateVersions().forEach(v -> found(v).ifPresent(out::add)));
        return out;
    }

    private static java.util.Optional<Found> found(
            software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion v) {
        if (AwsCollector.blankToNull(v.launchTemplateId()) == null || v.versionNumber() == null) {
            return java.util.Optional.empty();
        }
        String image = v.launchTemplateData() == null ? null
                : AwsCollector.blankToNull(v.launchTemplateData().imageId());
        return java.util.Optional.of(new Found(v.launchTemplateId(), AwsCollector.blankToNull(v.launchTemplateName()),
                v.versionNumber(), Boolean.TRUE.equals(v.defaultVersion()), image));
    }

    /** The referenced AMIs that still exist (any state); a deregistered one is simply not in the answer. */
    private void images(Set<String> imageIds) {
        Map<String, MachineImage> found = new LinkedHashMap<>();
        for (List<String> batch : AwsCollector.batches(List.copyOf(imageIds), IMAGE_BATCH)) {
            try {
                List<Image> images = collector.call(ec2Key, "DescribeImages", () -> ec2.describeImages(b -> b
                        .filters(Filter.builder().name("image-id").values(batch).build())
                        .includeDeprecated(true).includeDisabled(true))).images();
                for (Image i : images) {
                    if (i.imageId() != null && batch.contains(i.imageId())) {
                        found.putIfAbsent(i.imageId(), new MachineImage(scope.account(), scope.region(), i.imageId(),
                                AwsCollector.blankToNull(i.name()), i.stateAsString(),
                                AwsCollector.blankToNull(i.ownerId())));
                    }
                }
            } catch (CollectionException e) {
                sink.gap(e.operation(), e.reason(), e.getMessage());
            }
        }
        found.values().forEach(sink::add);
    }

    /** The AWS error code behind a failed call, or "" when it had none. */
    static String errorCode(CollectionException e) {
        return e.getCause() == null ? "" : ErrorClassifier.classify(e.getCause()).code();
    }
}
