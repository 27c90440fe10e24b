package io.relyscan.collectors;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Region names the AWS SDK knows, to reject typos before any AWS call. */
public final class KnownRegions {
    private static final Set<String> NAMES = load();

    private KnownRegions() {
    }

    public static boolean isKnown(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Known names sharing the first part of the given one (e.g. "eu-"), to suggest a correction. */
    public static List<String> similarTo(String name) {
        String prefix = name == null ? "" : name.toLowerCase(Locale.ROOT).split("-", 2)[0] + "-";
        return NAMES.stream().filter(n -> n.startsWith(prefix)).toList();
    }

    /**
     * True when both regions belong to the same partition (aws, aws-cn, aws-us-gov, ...). Credentials of one
     * partition are never valid in another, so an account is scanned only in its own partition.
     */
    public static boolean samePartition(String a, String b) {
        return partitionOf(a).equals(partitionOf(b));
    }

    static String partitionOf(String region) {
        RegionMetadata metadata = Region.of(region.toLowerCase(Locale.ROOT)).metadata();
        if (metadata != null) {
            return metadata.partition().id();
        }
        String name = region.toLowerCase(Locale.ROOT);
        if (name.startsWith("cn-")) {
            return "aws-cn";
        }
        if (name.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (name.startsWith("us-iso")) {
            return name.startsWith("us-isob") ? "aws-iso-b" : "aws-iso";
        }
        return "aws";
    }

    private static Set<String> load() {
        Set<String> names = new TreeSet<>();
        for (Region r : Region.regions()) {
            if (!r.isGlobalRegion()) {
                names.add(r.id());
            }
        }
        return names;
    }
}
