package io.relyscan.core.rule;

import io.relyscan.core.inventory.Resource;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which resources are tier-1 (production-critical): those carrying the tag {@code tagKey}, with one of
 * {@code tagValues} when values are given, with any value otherwise. The key matches exactly (AWS tag keys are
 * case-sensitive); values match ignoring case and surrounding blanks, so {@code Tier-1} and {@code tier-1} are
 * the same tier.
 *
 * @param tagValues accepted values, sorted; empty means any value of the key
 */
public record Tier1Selector(String tagKey, Set<String> tagValues) {
    public Tier1Selector {
        if (tagKey == null || tagKey.isBlank()) {
            throw new IllegalArgumentException("tier-1 tag key must not be blank");
        }
        TreeSet<String> values = new TreeSet<>();
        for (String v : tagValues == null ? Set.<String>of() : tagValues) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("tier-1 tag values must not be blank");
            }
            values.add(v.trim());
        }
        tagValues = Collections.unmodifiableSortedSet(values);
    }

    /** Any value of the key marks tier-1. */
    public static Tier1Selector anyValueOf(String tagKey) {
        return new Tier1Selector(tagKey, Set.of());
    }

    public boolean matches(Resource resource) {
        return matches(Objects.requireNonNull(resource, "resource").tags());
    }

    public boolean matches(Map<String, String> tags) {
        if (tags == null || !tags.containsKey(tagKey)) {
            return false;
        }
        if (tagValues.isEmpty()) {
            return true;
        }
        String value = tags.get(tagKey);
        if (value == null) {
            return false;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (String v : tagValues) { // a loop, not a stream: called for every resource and failure
            if (v.toLowerCase(Locale.ROOT).equals(normalized)) {
                return true;
            }
        }
        return false;
    }

    /** For messages and evidence, e.g. {@code criticality=tier-1|critical} or {@code criticality=*}. */
    public String describe() {
        return tagKey + "=" + (tagValues.isEmpty() ? "*" : String.join("|", tagValues));
    }
}
