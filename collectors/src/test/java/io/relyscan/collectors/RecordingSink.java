package io.relyscan.collectors;

import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.scan.CollectionSink;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what a collector reported. */
final class RecordingSink implements CollectionSink {
    final List<Resource> resources = new ArrayList<>();
    final List<CoverageGap> gaps = new ArrayList<>();

    @Override
    public synchronized void add(Resource resource) {
        resources.add(resource);
    }

    @Override
    public synchronized void gap(String operation, GapReason reason, String message) {
        gaps.add(new CoverageGap(operation, reason, message));
    }

    <T extends Resource> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends Resource> T one(Class<T> type, String displayName) {
        List<T> found = all(type).stream().filter(r -> r.displayName().equals(displayName)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " named " + displayName + ", found "
                    + found.size() + " among " + resources);
        }
        return found.get(0);
    }
}
