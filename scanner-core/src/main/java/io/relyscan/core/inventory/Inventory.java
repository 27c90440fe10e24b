package io.relyscan.core.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a scan collected: resources, the scopes scanned, and what could not be collected.
 * Immutable; resources are kept sorted by ARN, and indexes by type, ARN and tag are built once.
 */
public final class Inventory {
    /** Version of the snapshot format; bump on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    private final Instant capturedAt;
    private final List<ScanScope> scopes;
    private final List<Resource> resources;
    private final Coverage coverage;
    private final List<EndpointTelemetry> telemetry;
    private final Map<Class<?>, List<Resource>> byType;
    private final Map<String, Resource> byArn;
    private final Map<String, Map<String, List<Resource>>> byTag;

    private Inventory(Instant capturedAt, List<ScanScope> scopes, List<Resource> resources, Coverage coverage,
                      List<EndpointTelemetry> telemetry) {
        this.capturedAt = Objects.requireNonNull(capturedAt, "capturedAt");
        this.scopes = scopes.stream().distinct().sorted().toList();
        this.resources = resources.stream()
                .sorted(Comparator.comparing(Resource::arn).thenComparing(Resource::typeName)).toList();
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        this.telemetry = telemetry.stream().sorted().toList();
        Map<Class<?>, List<Resource>> types = new LinkedHashMap<>();
        Map<String, Resource> arns = new HashMap<>();
        Map<String, Map<String, List<Resource>>> tags = new HashMap<>();
        for (Resource r : this.resources) {
            types.computeIfAbsent(r.getClass(), k -> new ArrayList<>()).add(r);
            Resource previous = arns.putIfAbsent(r.arn(), r);
            if (previous != null && previous.getClass() == r.getClass()) {
                throw new IllegalArgumentException("duplicate resource ARN in inventory: " + r.arn());
            }
            r.tags().forEach((k, v) -> tags.computeIfAbsent(k, x -> new HashMap<>())
                    .computeIfAbsent(v, x -> new ArrayList<>()).add(r));
        }
        types.replaceAll((k, v) -> List.copyOf(v));
        this.byType = types;
        this.byArn = arns;
        this.byTag = tags;
    }

    public static Inventory of(Instant capturedAt, List<ScanScope> scopes, List<? extends Resource> resources,
                               Coverage coverage, List<EndpointTelemetry> telemetry) {
        return new Inventory(capturedAt, List.copyOf(scopes), List.copyOf(resources), coverage,
                telemetry == null ? List.of() : List.copyOf(telemetry));
    }

    public Instant capturedAt() {
        return capturedAt;
    }

    public List<ScanScope> scopes() {
        return scopes;
    }

    public List<Resource> resources() {
        return resources;
    }

    public Coverage coverage() {
        return coverage;
    }

    public List<EndpointTelemetry> telemetry() {
        return telemetry;
    }

    /** Every resource of a type, sorted by ARN. */
    @SuppressWarnings("unchecked")
    public <T extends Resource> List<T> all(Class<T> type) {
        return (List<T>) byType.getOrDefault(type, List.of());
    }

    public Optional<Resource> byArn(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public <T extends Resource> Optional<T> byArn(String arn, Class<T> type) {
        Resource r = byArn.get(arn);
        return type.isInstance(r) ? Optional.of(type.cast(r)) : Optional.empty();
    }

    /** Resources carrying the tag key with exactly this value. */
    public List<Resource> byTag(String key, String value) {
        return Collections.unmodifiableList(byTag.getOrDefault(key, Map.of()).getOrDefault(value, List.of()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Inventory i && i.capturedAt.equals(capturedAt) && i.scopes.equals(scopes)
                && i.resources.equals(resources) && i.coverage.equals(coverage) && i.telemetry.equals(telemetry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capturedAt, scopes, resources, coverage, telemetry);
    }

    @Override
    public String toString() {
        return "Inventory[" + resources.size() + " resources, " + scopes.size() + " scopes, captured " + capturedAt
                + "]";
    }
}
