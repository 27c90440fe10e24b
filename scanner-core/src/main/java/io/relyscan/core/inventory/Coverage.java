package io.relyscan.core.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What was and was not collected, per account, region and service. */
public final class Coverage {
    private final List<CoverageEntry> entries;
    private final Map<Key, CoverageEntry> byKey;

    private record Key(String account, String region, AwsService service) {
    }

    private Coverage(List<CoverageEntry> entries) {
        this.entries = entries.stream().sorted().toList();
        this.byKey = new HashMap<>();
        for (CoverageEntry e : this.entries) {
            CoverageEntry previous = byKey.put(new Key(e.account(), e.region(), e.service()), e);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate coverage entry for " + e.account() + "/" + e.region()
                        + "/" + e.service().id());
            }
        }
    }

    public static Coverage of(List<CoverageEntry> entries) {
        return new Coverage(Objects.requireNonNull(entries, "entries"));
    }

    public List<CoverageEntry> entries() {
        return entries;
    }

    /** The entry for a scope and service; NOT_COLLECTED when the service was not part of the scan. */
    public CoverageEntry entry(String account, String region, AwsService service) {
        CoverageEntry e = byKey.get(new Key(account, region, service));
        return e != null ? e : new CoverageEntry(account, region, service, CollectionStatus.NOT_COLLECTED, List.of());
    }

    public CoverageEntry entry(ScanScope scope, AwsService service) {
        return entry(scope.account(), scope.region(), service);
    }

    public boolean isComplete(ScanScope scope, AwsService service) {
        return entry(scope, service).status().isComplete();
    }

    /** True when every recorded entry is COMPLETE. */
    public boolean isWhole() {
        return entries.stream().allMatch(e -> e.status().isComplete());
    }

    public List<CoverageEntry> incomplete() {
        return entries.stream().filter(e -> !e.status().isComplete()).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coverage c && c.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Coverage" + entries;
    }
}
