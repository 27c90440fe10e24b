package io.relyscan.report.snapshot;

import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Combines the inventory snapshots of the shards of a distributed run into one inventory, refusing inputs that
 * would make the result wrong:
 * <ul>
 *     <li>the same account and region in two inputs (overlapping shards);</li>
 *     <li>the same resource (type and ARN), coverage entry or telemetry endpoint in two inputs.</li>
 * </ul>
 * Inputs of a schema version other than the one this release reads are refused by the strict reader
 * ({@link InventorySnapshots#read}), so every merged input has the same schema version.
 * <p>
 * The merged inventory holds the union of the scopes, resources, coverage entries and telemetry. Its capture
 * time is the <em>earliest</em> of the inputs' capture times: a scan records the time collection started, and
 * the earliest shard start is the start of the distributed run.
 */
public final class SnapshotMerge {
    /** One input: its name for messages (usually the file) and its inventory. */
    public record Input(String name, Inventory inventory) {
        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inventory, "inventory");
        }
    }

    private SnapshotMerge() {
    }

    /** Reads every file with the strict reader, then merges; any problem is an {@link InputException}. */
    public static Inventory readAndMerge(List<Path> files) {
        List<Input> inputs = new ArrayList<>(files.size());
        for (Path file : files) {
            inputs.add(new Input(file.toString(), InventorySnapshots.read(file)));
        }
        return merge(inputs);
    }

    /**
     * Merges the inputs.
     *
     * @throws InputException naming both inputs and the scope or resource they share
     */
    public static Inventory merge(List<Input> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.isEmpty()) {
            throw new InputException("merge: at least one inventory snapshot is required");
        }
        Map<ScanScope, Integer> scopeOwner = new HashMap<>();
        Map<String, Integer> resourceOwner = new HashMap<>();
        Map<String, Integer> coverageOwner = new HashMap<>();
        Map<String, Integer> telemetryOwner = new HashMap<>();
        List<ScanScope> scopes = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        List<CoverageEntry> coverage = new ArrayList<>();
        List<EndpointTelemetry> telemetry = new ArrayList<>();
        for (int index = 0; index < inputs.size(); index++) {
            Input input = inputs.get(index);
            Inventory inventory = input.inventory();
            for (ScanScope scope : inventory.scopes()) {
                claim(scopeOwner, scope, inputs, index, "overlapping shards: scope " + scope + " (account "
                        + scope.account() + ", region " + scope.region() + ") is in both ");
                scopes.add(scope);
            }
            for (Resource resource : inventory.resources()) {
                claim(resourceOwner, resource.typeName() + " " + resource.arn(), inputs, index, "duplicate "
                        + resource.typeName() + " ARN " + resource.arn() + " in both ");
                resources.add(resource);
            }
            for (CoverageEntry entry : inventory.coverage().entries()) {
                String key = entry.account() + "/" + entry.region() + "/" + entry.service().id();
                claim(coverageOwner, key, inputs, index, "overlapping shards: coverage of " + key + " is in both ");
                coverage.add(entry);
            }
            for (EndpointTelemetry t : inventory.telemetry()) {
                String key = t.account() + "/" + t.region() + "/" + t.service().id();
                claim(telemetryOwner, key, inputs, index, "overlapping shards: telemetry of " + key + " is in both ");
                telemetry.add(t);
            }
        }
        Instant capturedAt = inputs.stream().map(i -> i.inventory().capturedAt())
                .min(Comparator.naturalOrder()).orElseThrow();
        return Inventory.of(capturedAt, scopes, resources, Coverage.of(coverage), telemetry);
    }

    /** Records that input {@code index} holds {@code key}; another input holding it too is refused. */
    private static <K> void claim(Map<K, Integer> owners, K key, List<Input> inputs, int index, String problem) {
        Integer previous = owners.putIfAbsent(key, index);
        if (previous != null && previous != index) {
            String first = inputs.get(previous).name();
            String second = inputs.get(index).name();
            String where = first.equals(second) ? first + " (given twice)" : first + " and " + second;
            throw new InputException("merge: " + problem + where);
        }
    }
}
