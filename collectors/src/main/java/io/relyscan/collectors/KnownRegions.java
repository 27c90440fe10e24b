package io.relyscan.collectors;

import software.amazon.awssdk.regions.Region;

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
